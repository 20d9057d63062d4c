package io.refinery.workers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The workers' house rules (DESIGN.md, "The worker contract"): each step package (one topic's handler and what only it
 * uses) depends only on the shared packages ({@code runtime}, {@code api}, {@code formats}, {@code report}), on
 * {@code workflows} and on libraries, never on another step; and the packages have no cycles. {@code demo} is not a
 * step: it is the scripted client that drives a whole build as people would, so it may use any package.
 */
@AnalyzeClasses(packages = "io.refinery.workers", importOptions = ImportOption.DoNotIncludeTests.class)
class WorkerArchitectureTest {

    /** One package per step the workers serve. */
    static final List<String> STEPS = List.of("collect", "process", "prelabel", "plan", "quality", "release", "drift");

    @ArchTest
    static final ArchRule stepsDependOnlyOnSharedPackages = stepRule();

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("io.refinery.workers.(*)..").should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule sharedPackagesKnowNoStep = noClasses()
            .that().resideInAnyPackage("io.refinery.workers.runtime..", "io.refinery.workers.api..",
                    "io.refinery.workers.formats..", "io.refinery.workers.report..")
            .should().dependOnClassesThat().resideInAnyPackage(STEPS.stream()
                    .map(s -> "io.refinery.workers." + s + "..").toArray(String[]::new))
            .because("shared packages serve every step and know none");

    private static ArchRule stepRule() {
        ArchRule rule = null;
        for (String step : STEPS) {
            String[] others = STEPS.stream().filter(s -> !s.equals(step)).map(s -> "io.refinery.workers." + s + "..")
                    .toArray(String[]::new);
            ArchRule one = noClasses().that().resideInAPackage("io.refinery.workers." + step + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("a step depends only on shared packages; what two steps share moves to one");
            rule = rule == null ? one : com.tngtech.archunit.lang.CompositeArchRule.of(rule).and(one);
        }
        return rule;
    }
}
