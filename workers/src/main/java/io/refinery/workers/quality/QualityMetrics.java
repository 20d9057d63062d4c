package io.refinery.workers.quality;

import io.refinery.workers.report.Check;
import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.workers.quality.metrics.DataAge;
import io.refinery.workers.quality.metrics.GoldAccuracy;
import io.refinery.workers.quality.metrics.RatingPatterns;
import io.refinery.workers.quality.metrics.SpanMatching;
import io.refinery.workflows.ThresholdValues;
import io.refinery.workflows.Vars;
import io.refinery.workflows.answers.AnnotationValues;
import io.refinery.workflows.answers.BoxAgreement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Streaming QC accumulator: feed every item of the round once with {@link #accept} (and every gold answer with
 * {@link #acceptGold}), then ask for the {@link #result}. Keeps only counters: per class, per rating pattern, per
 * package, per annotator and annotator pair, and the label-pair table (labels²); never items.
 * <p>
 * Agreement depends on the task type. Label types (text/image classification; a multi-label answer counts as one
 * category, its sorted label set): an item agrees when all its labels are equal; Cohen's kappa uses the items with
 * exactly two labels (slot 0 is rater A), Fleiss' kappa and Krippendorff's alpha all items. image-bbox: an item's
 * agreement is the mean pairwise box F1 at IoU ≥ 0.5 (boxes matched by {@link BoxAgreement}); ner: the mean pairwise
 * exact span F1. instruction: free text, no agreement.
 */
public final class QualityMetrics {
    public static final String TEXT_CLASSIFICATION = AnnotationValues.TEXT_CLASSIFICATION;
    static final String MULTILABEL = AnnotationValues.TEXT_MULTILABEL;
    static final String NER = AnnotationValues.NER;
    static final String BBOX = AnnotationValues.IMAGE_BBOX;
    static final String INSTRUCTION = AnnotationValues.INSTRUCTION;

    private final String taskType;
    private final Set<String> labelSet;
    private final SensitiveTerms sensitiveTerms;
    private final DataAge dataAge;

    private long items;
    private long completeItems;
    private long overlapItems;
    private long agreedItems;
    private double scoreSum;
    private long sensitiveItems;
    private long unknownLabels;
    private long answers;
    private long validAnswers;
    private long matchedBoxes;
    private double iouSum;
    private long hits;
    private long marks;
    private final Map<String, Long> classCounts = new LinkedHashMap<>();
    private final TreeMap<String, TreeMap<String, Long>> pairs = new TreeMap<>();
    private final TreeMap<String, PackageTally> packages = new TreeMap<>();
    private final RatingPatterns patterns = new RatingPatterns();
    private final PairAgreement pairAgreement = new PairAgreement();
    private final GoldAccuracy gold = new GoldAccuracy();

    /** A text-classification round, data age measured now. */
    public QualityMetrics(Collection<String> labelSet, SensitiveTerms sensitiveTerms) {
        this(TEXT_CLASSIFICATION, labelSet, sensitiveTerms, Instant.now());
    }

    /**
     * @param labelSet the classes, in the order reports show them
     * @param now      the time data age is measured against
     */
    public QualityMetrics(String taskType, Collection<String> labelSet, SensitiveTerms sensitiveTerms, Instant now) {
        this.taskType = taskType;
        this.labelSet = new LinkedHashSet<>(labelSet);
        this.sensitiveTerms = sensitiveTerms;
        this.dataAge = new DataAge(now);
        if (!INSTRUCTION.equals(taskType)) {
            this.labelSet.forEach(label -> classCounts.put(label, 0L));
        }
    }

    private boolean labelTask() {
        return !NER.equals(taskType) && !BBOX.equals(taskType) && !INSTRUCTION.equals(taskType);
    }

    public void accept(ItemRecord item) {
        items++;
        boolean complete = countFinalAnswer(item);
        List<Annotation> given = item.annotations().stream().filter(Annotation::given)
                .sorted(Comparator.comparingInt(Annotation::slot)).toList();
        boolean overlap = given.size() >= 2 && !INSTRUCTION.equals(taskType);
        double score = 0;
        if (overlap) {
            score = labelTask() ? labelAgreement(given) : pairwise(given);
            overlapItems++;
            scoreSum += score;
            agreedItems += score >= 1.0 ? 1 : 0;
        }
        if (sensitiveTerms.containsAny(item.text())) {
            sensitiveItems++;
        }
        dataAge.add(item.collectedAt());
        packages.computeIfAbsent(Objects.requireNonNullElse(item.packageId(), ""), k -> new PackageTally())
                .add(overlap, score, complete, item.rejected());
    }

    /** One answer of an annotator on a gold item. */
    public void acceptGold(String annotator, boolean correct) {
        gold.add(annotator, correct);
    }

    /** Completeness, validity and class counts of the final answer; returns whether the item is complete. */
    private boolean countFinalAnswer(ItemRecord item) {
        String finalLabel = item.finalLabel();
        JsonNode value = item.finalValue();
        if (AnnotationValues.isClassification(taskType)) {
            boolean complete = finalLabel != null && labelSet.contains(finalLabel);
            if (finalLabel != null && !finalLabel.isBlank()) {
                answers++;
                validAnswers += complete ? 1 : 0;
            }
            if (complete) {
                completeItems++;
                classCounts.merge(finalLabel, 1L, Long::sum);
            } else if (finalLabel != null && !finalLabel.isBlank()) {
                unknownLabels++;
            }
            return complete;
        }
        if (value == null || value.isNull()) {
            return false;
        }
        answers++;
        boolean valid = AnnotationValues.valid(taskType, labelSet, item.text(), value);
        validAnswers += valid ? 1 : 0;
        completeItems++;
        for (String c : classesOf(value)) {
            if (classCounts.containsKey(c)) {
                classCounts.merge(c, 1L, Long::sum);
            }
        }
        return true;
    }

    /** The distinct classes an answer holds. */
    static Set<String> classesOf(JsonNode value) {
        Set<String> classes = new LinkedHashSet<>();
        if (value.hasNonNull("label")) {
            classes.add(value.get("label").asText());
        }
        value.path("labels").forEach(l -> classes.add(l.asText()));
        value.path("spans").forEach(s -> classes.add(s.path("label").asText()));
        value.path("boxes").forEach(b -> classes.add(b.path("label").asText()));
        return classes;
    }

    /** The nominal category of a label answer: the label, or a multi-label set as "a|b". */
    private static String category(Annotation a) {
        if (a.label() != null) {
            return a.label();
        }
        List<String> labels = new ArrayList<>();
        a.value().path("labels").forEach(l -> labels.add(l.asText()));
        if (labels.isEmpty() && a.value().hasNonNull("label")) {
            return a.value().get("label").asText();
        }
        return String.join("|", labels.stream().sorted().toList());
    }

    private double labelAgreement(List<Annotation> given) {
        List<String> labels = given.stream().map(QualityMetrics::category).toList();
        boolean agreed = labels.stream().distinct().count() == 1;
        if (labels.size() == 2) {
            pairs.computeIfAbsent(labels.get(0), k -> new TreeMap<>()).merge(labels.get(1), 1L, Long::sum);
        }
        patterns.add(labels);
        for (int i = 0; i < given.size(); i++) {
            for (int j = i + 1; j < given.size(); j++) {
                pairAgreement.add(given.get(i).annotator(), given.get(j).annotator(),
                        labels.get(i).equals(labels.get(j)) ? 1.0 : 0.0, labels.get(i), labels.get(j));
            }
        }
        return agreed ? 1.0 : 0.0;
    }

    /** Boxes or spans: the mean F1 over every pair of annotators of the item. */
    private double pairwise(List<Annotation> given) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < given.size(); i++) {
            for (int j = i + 1; j < given.size(); j++) {
                double f1;
                if (BBOX.equals(taskType)) {
                    BoxAgreement.Score r = BoxAgreement.score(BoxAgreement.boxes(given.get(i).value()),
                            BoxAgreement.boxes(given.get(j).value()));
                    matchedBoxes += r.matched();
                    iouSum += r.iouSum();
                    hits += r.hits();
                    marks += r.boxesA() + r.boxesB();
                    f1 = r.f1();
                } else {
                    SpanMatching.Result r = SpanMatching.match(SpanMatching.spans(given.get(i).value()),
                            SpanMatching.spans(given.get(j).value()));
                    hits += r.hits();
                    marks += r.spansA() + r.spansB();
                    f1 = r.f1();
                }
                pairAgreement.add(given.get(i).annotator(), given.get(j).annotator(), f1, null, null);
                sum += f1;
                n++;
            }
        }
        return sum / n;
    }

    /** The text-classification result without near-duplicates. */
    public QualityResult result(ThresholdValues thresholds, long collected, long duplicates) {
        return result(thresholds, collected, duplicates, 0);
    }

    /**
     * @param collected      rows collected (accepted by collect) for this version
     * @param duplicates     of those, exact duplicates dropped by process
     * @param nearDuplicates near-duplicates the process step found (0 when it does not look for them)
     */
    public QualityResult result(ThresholdValues thresholds, long collected, long duplicates, long nearDuplicates) {
        double completeness = items == 0 ? 0.0 : (double) completeItems / items;
        double duplicateRate = collected == 0 ? 0.0 : (double) duplicates / collected;
        double nearDuplicateRate = collected == 0 ? 0.0 : (double) nearDuplicates / collected;
        double sensitiveRatio = items == 0 ? 0.0 : (double) sensitiveItems / items;
        double validity = answers == 0 ? 1.0 : (double) validAnswers / answers;
        Agreement agreement = agreement();
        long k = Math.round(thresholds.value(Vars.MIN_CLASS_COUNT));
        ClassBalance balance = ClassBalanceCalculator.of(classCounts, unknownLabels, k);
        double packageMin = thresholds.value(NER.equals(taskType) ? Vars.MIN_SPAN_F1 : Vars.MIN_AGREEMENT);
        List<PackageQuality> packageResults = new ArrayList<>();
        packages.forEach((id, tally) -> packageResults.add(tally.result(id, packageMin)));
        List<String> failing = packageResults.stream().filter(p -> !p.passed()).map(PackageQuality::packageId)
                .toList();
        Double goldAccuracy = gold.overall();
        List<Check> checks = new ArrayList<>();
        checks.add(Check.atLeast("completeness", completeness, thresholds.value(Vars.MIN_COMPLETENESS)));
        checks.add(Check.atLeast("validity", validity, thresholds.value(Vars.MIN_VALIDITY)));
        if (!INSTRUCTION.equals(taskType)) {
            checks.add(Check.atLeast("agreement", agreement.percentAgreement(), thresholds.value(Vars.MIN_AGREEMENT)));
        }
        if (labelTask()) {
            checks.add(Check.atLeast("kappa", agreement.kappa(), thresholds.value(Vars.MIN_KAPPA)));
            checks.add(Check.atLeast("alpha", agreement.krippendorffAlpha(), thresholds.value(Vars.MIN_ALPHA)));
        } else if (BBOX.equals(taskType)) {
            checks.add(Check.atLeast("iou", agreement.meanIou(), thresholds.value(Vars.MIN_IOU)));
        } else if (NER.equals(taskType)) {
            checks.add(Check.atLeast("spanF1", agreement.spanF1(), thresholds.value(Vars.MIN_SPAN_F1)));
        }
        if (goldAccuracy != null) {
            checks.add(Check.atLeast("goldAccuracy", goldAccuracy, thresholds.value(Vars.MIN_GOLD_ACCURACY)));
        }
        checks.add(Check.atMost("duplicateRate", duplicateRate, thresholds.value(Vars.MAX_DUPLICATE_RATE)));
        checks.add(Check.atMost("nearDuplicateRate", nearDuplicateRate, thresholds.value(Vars.MAX_NEAR_DUPLICATE_RATE)));
        checks.add(Check.atMost("sensitiveRatio", sensitiveRatio, thresholds.value(Vars.MAX_SENSITIVE_RATIO)));
        if (!INSTRUCTION.equals(taskType)) {
            checks.add(Check.atLeast("minClassCount", (double) balance.minClassCount(), k));
        }
        boolean passed = checks.stream().allMatch(Check::passed);
        List<String> failedChecks = checks.stream().filter(c -> !c.passed()).map(Check::metric).toList();
        return new QualityResult(items, completeItems, completeness, agreement, collected, duplicates, duplicateRate,
                sensitiveItems, sensitiveRatio, balance, packageResults, failing, checks, passed, taskType, answers,
                validAnswers, validity, nearDuplicates, nearDuplicateRate, goldAccuracy, gold.perAnnotator(),
                dataAge.result(), failedChecks, balance.classesBelowK());
    }

    private Agreement agreement() {
        List<PairCount> table = new ArrayList<>();
        pairs.forEach((first, row) -> row.forEach((second, count) -> table.add(new PairCount(first, second, count))));
        long kappaItems = table.stream().mapToLong(PairCount::count).sum();
        CohenKappa.Values kappa = CohenKappa.of(table);
        Double percent = overlapItems == 0 || INSTRUCTION.equals(taskType) ? null : scoreSum / overlapItems;
        boolean bbox = BBOX.equals(taskType);
        return new Agreement(overlapItems, agreedItems, percent, kappaItems,
                kappa == null ? null : kappa.observed(), kappa == null ? null : kappa.expected(),
                kappa == null ? null : kappa.kappa(), table,
                labelTask() ? patterns.fleissKappa() : null, labelTask() ? patterns.krippendorffAlpha() : null,
                bbox && matchedBoxes > 0 ? iouSum / matchedBoxes : null, matchedBoxes,
                bbox && overlapItems > 0 ? f1(hits, marks) : null,
                NER.equals(taskType) && overlapItems > 0 ? f1(hits, marks) : null, pairAgreement.result());
    }

    private static double f1(long hits, long marks) {
        return marks == 0 ? 1.0 : 2.0 * hits / marks;
    }
}
