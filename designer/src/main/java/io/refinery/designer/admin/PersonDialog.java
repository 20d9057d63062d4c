package io.refinery.designer.admin;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.refinery.engine.people.People;
import io.refinery.engine.people.Person;
import io.refinery.engine.people.PersonSpec;
import io.refinery.engine.system.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A new user (id, names, email, first password, role groups) or an existing one (names, email, role groups). The
 * engine checks everything; its error is shown on the field it names. The password is typed in a plain text field:
 * the administrator passes it on (a password field would be a new component for the frontend bundle).
 */
class PersonDialog extends Dialog {
    private static final Pattern FIELD = Pattern.compile("field '([A-Za-z]+)'");

    final TextField id = new TextField();
    final TextField firstName = new TextField();
    final TextField lastName = new TextField();
    final TextField email = new TextField();
    final TextField password = new TextField();
    final Map<String, Checkbox> groups = new LinkedHashMap<>();
    final Span error = new Span();
    final Button save = new Button();
    private final transient People people;
    private final Person existing;
    private final Map<String, HasValidation> fields;

    /** @param onSaved called with the saved user; the dialog closes */
    PersonDialog(People people, Person existing, Consumer<Person> onSaved) {
        this.people = people;
        this.existing = existing;
        setId("person-dialog");
        setWidth("36rem");
        setHeaderTitle(existing == null ? getTranslation("people.new") : getTranslation("people.edit.title", existing.id()));
        fields = Map.of("id", id, "firstName", firstName, "lastName", lastName, "email", email, "password", password);
        field(id, "id", "people.id");
        field(firstName, "first-name", "people.first-name");
        field(lastName, "last-name", "people.last-name");
        field(email, "email", "people.email");
        field(password, "password", "people.password");
        password.setHelperText(getTranslation("people.password.hint", People.MIN_PASSWORD));
        HorizontalLayout boxes = new HorizontalLayout();
        boxes.setWrap(true);
        for (String group : People.ROLE_GROUPS) {
            Checkbox box = new Checkbox(getTranslation("people.group." + group));
            box.setId("group-" + group);
            groups.put(group, box);
            boxes.add(box);
        }
        FormLayout form = new FormLayout(id, firstName, lastName, email, password, new Span(getTranslation("people.groups")),
                boxes, error);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);
        if (existing != null) {
            id.setValue(existing.id());
            id.setReadOnly(true);
            password.setVisible(false);
            firstName.setValue(text(existing.firstName()));
            lastName.setValue(text(existing.lastName()));
            email.setValue(text(existing.email()));
            existing.groupIds().forEach(g -> groups.get(g).setValue(true));
        }
        save.setText(getTranslation("people.save"));
        save.setId("person-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save(onSaved));
        getFooter().add(new Button(getTranslation("people.cancel"), e -> close()), save);
    }

    private void field(TextField field, String id, String key) {
        field.setId("person-" + id);
        field.setLabel(getTranslation(key));
    }

    List<String> selectedGroups() {
        return groups.entrySet().stream().filter(e -> e.getValue().getValue()).map(Map.Entry::getKey).toList();
    }

    private void save(Consumer<Person> onSaved) {
        error.setText("");
        fields.values().forEach(f -> f.setInvalid(false));
        try {
            Person saved;
            if (existing == null) {
                saved = people.create(new PersonSpec.NewPerson(id.getValue(), firstName.getValue(), lastName.getValue(),
                        email.getValue(), password.getValue(), selectedGroups()));
            } else {
                people.update(existing.id(), new PersonSpec.Details(firstName.getValue(), lastName.getValue(),
                        email.getValue()));
                saved = people.setGroups(existing.id(), selectedGroups());
            }
            close();
            onSaved.accept(saved);
        } catch (ApiException e) {
            error.setText(getTranslation("people.error", e.getMessage()));
            Matcher m = FIELD.matcher(e.getMessage());
            HasValidation field = m.find() ? fields.get(m.group(1)) : null;
            if (field != null) {
                field.setErrorMessage(e.getMessage());
                field.setInvalid(true);
            }
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
