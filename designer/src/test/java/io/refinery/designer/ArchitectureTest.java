package io.refinery.designer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The designer owns nothing (DESIGN.md): it asks the engine's services and never touches storage itself. */
@AnalyzeClasses(packages = "io.refinery.designer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule uiReachesNoRepositoryOrDatabase = noClasses()
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..",
                    "org.camunda.bpm.engine.impl..")
            .because("the engine owns all state; the UI goes through its services");

    @ArchTest
    static final ArchRule uiReachesNoEngineWebLayer = noClasses()
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Controller")
            .because("controllers are the machine door; the UI calls the services behind them");

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("io.refinery.designer.(*)..").should().beFreeOfCycles();
}
