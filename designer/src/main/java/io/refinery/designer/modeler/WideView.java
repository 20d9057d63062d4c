package io.refinery.designer.modeler;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;

/** Editors want the whole width: the shell's navigation drawer closes while they are shown and reopens after. */
final class WideView {
    private WideView() {
    }

    static void closeDrawerWhileAttached(Component view) {
        AppLayout[] shell = {null};
        boolean[] wasOpen = {false};
        view.addAttachListener(e -> {
            AppLayout layout = view.findAncestor(AppLayout.class);
            if (layout != null) {
                shell[0] = layout;
                wasOpen[0] = layout.isDrawerOpened();
                layout.setDrawerOpened(false);
            }
        });
        view.addDetachListener(e -> {
            if (shell[0] != null && wasOpen[0]) {
                shell[0].setDrawerOpened(true);
            }
            shell[0] = null;
        });
    }
}
