package io.refinery.designer.modeler;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.refinery.designer.shell.MainLayout;
import io.refinery.engine.modeling.DeployedDefinition;
import io.refinery.engine.modeling.DeployedModels;
import io.refinery.engine.modeling.ModelDrafts;
import io.refinery.engine.modeling.ModelFile;
import io.refinery.engine.modeling.ModelKind;
import io.refinery.engine.modeling.ProcessModels;
import io.refinery.engine.system.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;

/**
 * The decision editor: dmn-js on the QC gate's decision table (or any DMN draft or deployed decision; older versions
 * read-only). Save draft, deploy as a new version, import, export. With nothing in the URL it opens the latest
 * deployed {@value #QC_GATE}; a DMN file imported in the process designer arrives here.
 */
@Route(value = "processes/decisions", layout = MainLayout.class)
@Menu(title = "nav.decisions", icon = "vaadin:table", order = 41)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class DecisionEditorView extends ModelEditorView {
    static final String QC_GATE = "qc-gate";

    DecisionEditorView(ProcessModels models, ModelDrafts drafts, DeployedModels deployed) {
        super(models, drafts, deployed, ModelKind.DMN, new DmnEditor(), "modeler.decisions.title");
        editor.setId("dmn-editor");
        deploy.addClickListener(e -> editor.xml(this::confirmDeploy, this::exportFailed));
        layOut(saveDraft, deploy, separator(), importer, export);
    }

    /** Lets the process designer pass an imported DMN file on to this view. */
    static void handOver(ModelFile file) {
        ComponentUtil.setData(UI.getCurrent(), ModelFile.class, file);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ModelFile handedOver = ComponentUtil.getData(event.getUI(), ModelFile.class);
        if (handedOver == null) {
            super.beforeEnter(event);
            return;
        }
        ComponentUtil.setData(event.getUI(), ModelFile.class, null);
        versions.refresh(QC_GATE);
        imported(handedOver);
    }

    @Override
    protected void openDefault(QueryParameters query) {
        deployedModels.versions(QC_GATE).stream().filter(d -> d.kind() == ModelKind.DMN)
                .max(Comparator.comparingInt(DeployedDefinition::version))
                .ifPresentOrElse(this::openVersion, () -> models.templateNames().stream()
                        .filter(n -> n.endsWith("-decision")).findFirst()
                        .ifPresent(n -> open(models.templateXml(n), ModelDocument.named(n))));
    }

    @Override
    protected void importedOtherKind(ModelFile file) {
        error("modeler.error.not-dmn", file.fileName());
    }

    @Override
    protected void showDocument() {
        super.showDocument();
        deploy.setEnabled(!document.readOnly());
    }

    @Override
    protected void deployed(DeployedDefinition definition) {
        super.deployed(definition);
        document = new ModelDocument(definition.key() + " v" + definition.version(), null, definition, false);
        showDocument();
    }
}
