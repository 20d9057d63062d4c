package io.refinery.engine;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The engine's rooms (one top-level package each) as spring-modulith sees them: no cycles between modules, no module
 * reaching into another's internals. Writes the module documentation (PlantUML diagrams and module canvases) to
 * {@code engine/target/spring-modulith-docs}; DESIGN.md's module map is checked against the same model
 * ({@link DesignDocumentTest}).
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(HeadlessEngine.class);

    @Test
    void verifiesModularStructure() {
        MODULES.verify();
    }

    @Test
    void writesDocumentationSnippets() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
    }
}
