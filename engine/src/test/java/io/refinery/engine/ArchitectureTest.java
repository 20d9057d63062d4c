package io.refinery.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * The engine's house rules (DESIGN.md, "Rooms"): a module's repositories are its own, controllers hold no SQL, and the
 * modules (top-level packages) have no cycles. {@link ModularityTests} checks the same modules with spring-modulith;
 * {@link TableOwnershipTest} checks that each table is written from one module.
 */
@AnalyzeClasses(packages = "io.refinery.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The module of a class: its top-level package under {@code io.refinery.engine} (the root itself is "engine"). */
    static String moduleOf(JavaClass type) {
        String rest = type.getPackageName().replaceFirst("^io\\.refinery\\.engine\\.?", "");
        return rest.isEmpty() ? "engine" : rest.split("\\.")[0];
    }

    private static final ArchCondition<JavaClass> USED_ONLY_INSIDE_ITS_MODULE =
            new ArchCondition<>("be used only inside its own module") {
                @Override
                public void check(JavaClass repository, ConditionEvents events) {
                    String module = moduleOf(repository);
                    for (Dependency d : repository.getDirectDependenciesToSelf()) {
                        if (!module.equals(moduleOf(d.getOriginClass()))) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription() + " (module "
                                    + moduleOf(d.getOriginClass()) + " reaches into " + module + ")"));
                        }
                    }
                }
            };

    @ArchTest
    static final ArchRule repositoriesStayInTheirModule = classes().that().areAnnotatedWith(Repository.class)
            .should(USED_ONLY_INSIDE_ITS_MODULE)
            .because("a module owns its tables: other modules call its services");

    @ArchTest
    static final ArchRule controllersHoldNoSql = noClasses().that().areAnnotatedWith(RestController.class)
            .or().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
            .because("controllers hold no SQL: the module's repository does");

    @ArchTest
    static final ArchRule modulesHaveNoCycles = slices().matching("io.refinery.engine.(*)..").should().beFreeOfCycles();
}
