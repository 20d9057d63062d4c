package io.refinery.workers.process;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the configured operators to one item at a time, in the configured order (default
 * {@code normalize, dedup, mask-pii}: the hash is taken from the normalized text before masking), and keeps
 * the counts of the step. One instance per process run: its deduplicator remembers the hashes seen so far.
 */
public final class TextPipeline {

    public static final List<String> DEFAULT_OPERATORS = List.of("normalize", "dedup", "mask-pii");

    private final List<TextOperator> operators;
    private final List<OperatorSpec> specs;
    private final TextNormalizer normalizer = new TextNormalizer();
    private final PiiMasker masker;
    private final ExactDeduplicator deduplicator = new ExactDeduplicator();

    private long input;
    private long duplicates;
    private final EnumMap<PiiKind, Long> pii = new EnumMap<>(PiiKind.class);

    public TextPipeline() {
        this(DEFAULT_OPERATORS);
    }

    /**
     * @param operatorNames names of {@link TextOperator}s, in order; an unknown or repeated name is an
     *                      {@link IllegalArgumentException} naming it
     */
    public TextPipeline(List<String> operatorNames) {
        this(operatorNames.stream().map(name -> OperatorSpec.of(TextOperator.named(name))).toArray(OperatorSpec[]::new));
    }

    /** A pipeline of configured operators with their options, as {@link OperatorSpec#parseList} reads them. */
    public static TextPipeline of(List<OperatorSpec> specs) {
        return new TextPipeline(specs.toArray(OperatorSpec[]::new));
    }

    private TextPipeline(OperatorSpec[] specs) {
        List<TextOperator> list = new ArrayList<>();
        PiiMasker configuredMasker = new PiiMasker();
        for (OperatorSpec spec : specs) {
            if (list.contains(spec.operator())) {
                throw new IllegalArgumentException("operator \"" + spec.operator().operatorName() + "\" is listed twice");
            }
            list.add(spec.operator());
            if (spec.operator() == TextOperator.MASK_PII) {
                configuredMasker = new PiiMasker(spec.piiKinds());
            }
        }
        this.operators = List.copyOf(list);
        this.specs = List.of(specs);
        this.masker = configuredMasker;
    }

    /** The operators with their options, as configured (for the step's figures). */
    public List<OperatorSpec> specs() {
        return specs;
    }

    public List<TextOperator> operators() {
        return operators;
    }

    public ProcessedText process(String text) {
        input++;
        String current = text;
        String hash = null;
        boolean duplicate = false;
        Map<PiiKind, Integer> masked = Map.of();
        for (TextOperator operator : operators) {
            switch (operator) {
                case NORMALIZE -> current = normalizer.normalize(current);
                case DEDUP -> {
                    hash = ContentHash.of(current);
                    duplicate = deduplicator.isDuplicate(hash);
                }
                case MASK_PII -> {
                    MaskedText result = masker.mask(current);
                    current = result.text();
                    masked = result.counts();
                }
            }
        }
        if (hash == null) {
            hash = ContentHash.of(current);
        }
        if (duplicate) {
            duplicates++;
        } else {
            masked.forEach((kind, count) -> pii.merge(kind, (long) count, Long::sum));
        }
        return new ProcessedText(current, hash, duplicate, masked);
    }

    public ProcessStats stats() {
        long total = pii.values().stream().mapToLong(Long::longValue).sum();
        return new ProcessStats(input, input - duplicates, duplicates, pii, total);
    }
}
