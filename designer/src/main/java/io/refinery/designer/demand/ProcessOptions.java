package io.refinery.designer.demand;

import io.refinery.designer.i18n.RefineryI18n;
import io.refinery.designer.i18n.Translator;
import io.refinery.engine.modeling.ProcessChoice;
import io.refinery.workflows.Processes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The processes a demand may name, as the form's chooser lists them: the shipped one first, then by key; per key
 * "latest" and each version, newest first; a version that fails the dataset-process contract is listed disabled with
 * its first problems.
 */
final class ProcessOptions {

    /** A process the demand may name: a key, a version (null: the latest when filed), and why it cannot be chosen. */
    record ProcessOption(String key, Integer version, String text, boolean selectable) {
    }

    private ProcessOptions() {
    }

    static List<ProcessOption> of(List<ProcessChoice> choices, Locale locale, Translator t) {
        Map<String, List<ProcessChoice>> byKey = new TreeMap<>(Comparator
                .comparing((String k) -> !Processes.DATASET_CONSTRUCTION.equals(k)).thenComparing(k -> k));
        choices.forEach(c -> byKey.computeIfAbsent(c.definition().key(), k -> new ArrayList<>()).add(c));
        List<ProcessOption> options = new ArrayList<>();
        byKey.forEach((key, versions) -> {
            versions.sort(Comparator.comparingInt((ProcessChoice c) -> c.definition().version()).reversed());
            ProcessChoice latest = versions.get(0);
            options.add(option(latest, null, t.t("demand.process.latest", title(latest, locale), key,
                    latest.definition().version()), t));
            versions.forEach(c -> options.add(option(c, c.definition().version(), t.t("demand.process.version",
                    title(c, locale), key, c.definition().version()), t)));
        });
        return options;
    }

    private static ProcessOption option(ProcessChoice c, Integer version, String text, Translator t) {
        if (c.datasetProcess()) {
            return new ProcessOption(c.definition().key(), version, text, true);
        }
        String reasons = String.join("; ", c.problems().stream().limit(2).map(p -> p.message()).toList());
        return new ProcessOption(c.definition().key(), version, text + " — " + t.t("demand.process.cannot", reasons),
                false);
    }

    private static String title(ProcessChoice c, Locale locale) {
        String name = c.definition().name();
        return name == null || name.isBlank() ? c.definition().key() : RefineryI18n.bilingual(name, locale);
    }
}
