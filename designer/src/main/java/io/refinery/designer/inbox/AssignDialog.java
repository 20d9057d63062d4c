package io.refinery.designer.inbox;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import io.refinery.engine.tasks.TaskDispatch;
import java.util.List;
import java.util.function.Consumer;

/** Choose the person (from Camunda's identity service) that the selected tasks go to. */
class AssignDialog extends Dialog {
    final ComboBox<TaskDispatch.Person> person = new ComboBox<>();

    AssignDialog(String titleKey, int taskCount, List<TaskDispatch.Person> people, Consumer<String> onAssign) {
        setId("assign-dialog");
        setWidth("26rem");
        setHeaderTitle(getTranslation(titleKey, taskCount));
        person.setId("assign-user");
        person.setLabel(getTranslation("tasks.assign.person"));
        person.setItems(people);
        person.setItemLabelGenerator(TaskDispatch.Person::name);
        person.setWidthFull();
        add(person);
        Button confirm = new Button(getTranslation("tasks.assign.confirm"), e -> {
            if (person.getValue() != null) {
                close();
                onAssign.accept(person.getValue().id());
            }
        });
        confirm.setId("assign-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("tasks.assign.cancel"), e -> close());
        getFooter().add(cancel, confirm);
    }
}
