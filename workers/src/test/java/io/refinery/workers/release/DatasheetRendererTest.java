package io.refinery.workers.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.workers.report.Check;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasheetRendererTest {

    private final String datasheet = DatasheetRenderer.render(ReleaseFixtures.facts(ReleaseFixtures.quality()));

    @Test
    void shouldHaveTheSectionsOfDatasheetsForDatasetsWithChineseHeadings() {
        assertThat(datasheet).startsWith("# Datasheet: support-tickets v1 (数据说明书)\n");
        assertThat(datasheet.lines().filter(l -> l.startsWith("## ")).toList()).containsExactly(
                "## Motivation (动机)",
                "## Composition (构成)",
                "## Collection process (收集过程)",
                "## Preprocessing, cleaning and labelling (预处理、清洗与标注)",
                "## Uses (用途)",
                "## Distribution (分发)",
                "## Maintenance (维护)");
    }

    @Test
    void shouldStateTheFactsOfTheBuild() {
        assertThat(datasheet)
                .contains("- Purpose: Route customer tickets \\| by topic\n")
                .contains("- Task type: text-classification\n")
                .contains("- Items released: 2\n")
                .contains("- Label set: billing, delivery\n")
                .contains("| billing | 1 | 0.5 |\n")
                .contains("| tickets.jsonl | 2 | 1 |\n")
                .contains("| invalid JSON | 1 |\n")
                .contains("- Operators, in order: normalize → dedup → mask-pii\n")
                .contains("- Personal data masked: 3\n")
                .contains("| EMAIL | 2 |\n| PHONE | 1 |\n")
                .contains("- Pre-labelled by rules: 1\n")
                .contains("- Annotators: 2\n- Labels per item (overlap): 2\n- Labelling rounds: 1\n")
                .contains("| kappa | 1 | >= 0.6 | pass |\n")
                .contains("- Quality gate: passed\n")
                .contains("- Intended use: Train a ticket router.\n")
                .contains("- License: internal use only\n")
                .contains("- Maintainer: alice\n")
                .contains("- Created at: 2026-11-28T10:15:30Z\n");
    }

    @Test
    void shouldShowFailedAndUnmeasuredChecksAndMissingFacts() {
        DatasheetFacts facts = ReleaseFixtures.facts(ReleaseFixtures.quality());
        DatasheetFacts failed = new DatasheetFacts(facts.name(), facts.version(), null, facts.taskType(),
                facts.labelSet(), List.of(), new DatasheetFacts.Processing(0, 0, Map.of(), List.of(), 0, Map.of(), 0),
                facts.labelling(), 0, Map.of(), List.of(new Check("kappa", null, 0.6, ">=", false),
                        new Check("duplicateRate", 0.1, 0.05, "<=", false)), false, "", null, "bob",
                facts.createdAt());

        String text = DatasheetRenderer.render(failed);

        assertThat(text).contains("| kappa | not measured | >= 0.6 | FAIL |\n")
                .contains("| duplicateRate | 0.1 | <= 0.05 | FAIL |\n")
                .contains("- Quality gate: not passed (released by decision)\n")
                .contains("- Purpose: not stated\n")
                .contains("- License: not stated\n")
                .doesNotContain("| quarantine reason |");
    }

    @Test
    void shouldNeverLeaveMoreThanOneBlankLine() {
        assertThat(datasheet).doesNotContain("\n\n\n");
    }

    @Test
    void shouldFormatNumbersWithoutTrailingZeros() {
        assertThat(DatasheetRenderer.ratio(0.95)).isEqualTo("0.95");
        assertThat(DatasheetRenderer.ratio(2.0 / 3)).isEqualTo("0.6667");
        assertThat(DatasheetRenderer.ratio(0.0)).isEqualTo("0");
        assertThat(DatasheetRenderer.ratio(12.0)).isEqualTo("12");
        assertThat(DatasheetRenderer.ratio(-0.4)).isEqualTo("-0.4");
    }

    @Test
    void shouldKeepCellsOnOneLine() {
        assertThat(DatasheetRenderer.cell("a|b\r\nc")).isEqualTo("a\\|b c");
    }
}
