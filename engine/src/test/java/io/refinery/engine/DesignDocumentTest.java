package io.refinery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's module map is the engine as it is: the arrows of its Mermaid diagram ({@code a --> b}: a module of a
 * uses module b) are exactly the dependencies between the engine's top-level packages, and every module is there.
 */
class DesignDocumentTest {
    private static final Pattern ARROW = Pattern.compile("^\\s*(\\w+)\\s*-->\\s*(\\w+)\\s*$");

    static Set<String> actualArrows() {
        Set<String> arrows = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.refinery.engine")) {
            String from = ArchitectureTest.moduleOf(type);
            for (Dependency d : type.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (target.getPackageName().startsWith("io.refinery.engine")) {
                    String to = ArchitectureTest.moduleOf(target);
                    if (!to.equals(from) && !"engine".equals(from) && !"engine".equals(to) && !"system".equals(to)) {
                        arrows.add(from + " --> " + to);
                    }
                }
            }
        }
        return arrows;
    }

    @Test
    void moduleDiagramShowsEveryDependencyAndNoOther() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("../DESIGN.md"))) {
            Matcher m = ARROW.matcher(line);
            if (m.find()) {
                documented.add(m.group(1) + " --> " + m.group(2));
            }
        }
        assertThat(documented).as("DESIGN.md's module diagram (every module uses system, which is left out)")
                .isEqualTo(actualArrows());
    }
}
