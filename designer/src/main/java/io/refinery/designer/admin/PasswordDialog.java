package io.refinery.designer.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import io.refinery.engine.people.People;
import io.refinery.engine.system.ApiException;

/** The administrator sets a new password for a user; the old one stops working at once. */
class PasswordDialog extends Dialog {
    final TextField password = new TextField();
    final Button save = new Button();

    PasswordDialog(People people, String userId, Runnable onSaved) {
        setId("password-dialog");
        setHeaderTitle(getTranslation("people.password.title", userId));
        password.setId("new-password");
        password.setLabel(getTranslation("people.password.new"));
        password.setHelperText(getTranslation("people.password.hint", People.MIN_PASSWORD));
        password.setWidthFull();
        add(password);
        save.setText(getTranslation("people.password.set"));
        save.setId("password-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            try {
                people.resetPassword(userId, password.getValue());
                close();
                onSaved.run();
            } catch (ApiException ex) {
                password.setErrorMessage(ex.getMessage());
                password.setInvalid(true);
            }
        });
        getFooter().add(new Button(getTranslation("people.cancel"), e -> close()), save);
    }
}
