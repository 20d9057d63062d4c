package io.refinery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each of our tables is written from one module only (DESIGN.md, "Who owns which table"): every INSERT, UPDATE,
 * DELETE and MERGE in the engine's sources is found and attributed to the module (top-level package) of its file.
 * Only our tables count (those the Flyway migrations create); Camunda's own are the engine's business. DESIGN.md's table of owners must say the same.
 */
class TableOwnershipTest {
    private static final Path SOURCES = Path.of("src/main/java/io/refinery/engine");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern WRITE = Pattern.compile(
            "\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO)\\s+([a-z_][a-z0-9_]*)\\b"
                    + "|withTableName\\(\"([a-z_][a-z0-9_]*)\"\\)");
    private static final Pattern CREATE = Pattern.compile("CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OWNER_ROW = Pattern.compile("^\\|\\s*`([a-z_0-9]+)`\\s*\\|\\s*`([a-z]+)/`");

    /** table → the modules whose sources write it. */
    static Map<String, Set<String>> writers() throws IOException {
        Set<String> ours = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.toList()) {
                Matcher m = CREATE.matcher(Files.readString(file));
                while (m.find()) {
                    ours.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        Map<String, Set<String>> writers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String module = SOURCES.relativize(file).getName(0).toString();
                Matcher m = WRITE.matcher(Files.readString(file));
                while (m.find()) {
                    String table = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
                    if (ours.contains(table)) {
                        writers.computeIfAbsent(table, k -> new TreeSet<>()).add(module.endsWith(".java") ? "engine" : module);
                    }
                }
            }
        }
        return writers;
    }

    @Test
    void everyTableIsWrittenFromOneModule() throws IOException {
        List<String> shared = new ArrayList<>();
        writers().forEach((table, modules) -> {
            if (modules.size() > 1) {
                shared.add(table + " is written from " + modules);
            }
        });
        assertThat(shared).as("tables written from more than one module").isEmpty();
    }

    @Test
    void designDocumentNamesEachTablesOwner() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("../DESIGN.md"))) {
            Matcher m = OWNER_ROW.matcher(line);
            if (m.find()) {
                documented.put(m.group(1), m.group(2));
            }
        }
        Map<String, String> actual = new TreeMap<>();
        writers().forEach((table, modules) -> actual.put(table, String.join("+", modules)));
        assertThat(documented).as("DESIGN.md's table of owners").containsAllEntriesOf(actual);
    }
}
