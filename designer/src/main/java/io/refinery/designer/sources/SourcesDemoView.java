package io.refinery.designer.sources;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.dataset.SourcePreviews;
import io.refinery.engine.dataset.SourceUploads;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * {@link SourceUploadPanel} alone, for a version: to see it and to test it in a browser. Reached by URL only
 * ({@code sources-demo/<versionId>}, managers and admins); {@code ?chunk=<bytes>} sets the chunk size and
 * {@code ?fault-every=<n>} makes every n-th chunk fail half-way (tests of the resume).
 */
@Route(value = "sources-demo/:versionId", layout = MainLayout.class)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class SourcesDemoView extends VerticalLayout implements BeforeEnterObserver, LocaleChangeObserver,
        HasDynamicTitle {
    private static final int MIN_CHUNK = 1024;

    private final SourceUploads uploads;
    private final SourcePreviews previews;
    private final H2 title = new H2();
    private SourceUploadPanel panel;

    public SourcesDemoView(SourceUploads uploads, SourcePreviews previews) {
        this.uploads = uploads;
        this.previews = previews;
        title.setId("sources-demo-title");
        setMaxWidth("1100px");
        add(title);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (panel != null) {
            remove(panel);
            panel = null;
        }
        long versionId = event.getRouteParameters().getLong("versionId").orElse(-1L);
        try {
            panel = new SourceUploadPanel(versionId, uploads, previews);
        } catch (ApiException e) {
            Paragraph missing = new Paragraph(e.getMessage());
            missing.setId("sources-demo-missing");
            add(missing);
            return;
        }
        var query = event.getLocation().getQueryParameters().getParameters();
        number(query.get("chunk")).ifPresent(n -> panel.setChunkSize(Math.max(MIN_CHUNK, n)));
        number(query.get("fault-every")).ifPresent(panel::setFaultEvery);
        add(panel);
    }

    private static java.util.Optional<Integer> number(List<String> values) {
        try {
            return values == null || values.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(Integer.parseInt(values.get(0)));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        title.setText(getTranslation("sources.demo.title"));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("sources.demo.title") + " · " + getTranslation("app.name");
    }
}
