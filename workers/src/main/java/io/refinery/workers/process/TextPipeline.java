package io.refinery.workers.process;

import io.refinery.workflows.text.TextNormalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the configured operators to one item at a time, in the configured order (default
 * {@code normalize, dedup, mask-pii}; with {@code dedup-near} after {@code dedup}, the hash and the near-duplicate
 * signature are both taken from the normalized text before masking), and keeps the counts of the step. One instance per process run: its
 * deduplicators remember what they have seen so far.
 * <p>
 * Each item is handled in two parts: {@link #prepare} runs the operators and computes the hash and signature
 * (no state: any thread, in any order), {@link #decide} tells exact and near duplicates and counts (call it in
 * input order: the first occurrence is kept). {@link #process} does both; {@link PipelineBatches} runs the first
 * part on every core and the second in order.
 */
public final class TextPipeline {

    /**
     * Without {@code dedup-near}: the shipped samples hold many messages that differ only by a greeting or an
     * "Urgent!", and their documented counts assume exact dedup only. Configure
     * {@code normalize, dedup, dedup-near, mask-pii} on the step to drop near duplicates too.
     */
    public static final List<String> DEFAULT_OPERATORS = List.of("normalize", "dedup", "mask-pii");

    /** One item after the operators, before the duplicate decisions. */
    public record Prepared(String text, ContentHash.Hashed hash, byte[] signature, Map<PiiKind, Integer> pii) {
    }

    private final List<TextOperator> operators;
    private final List<OperatorSpec> specs;
    private final TextNormalizer normalizer = new TextNormalizer();
    private final PiiMasker masker;
    private final boolean dedup;
    private final ExactDeduplicator deduplicator = new ExactDeduplicator();
    private final NearDuplicateIndex near;
    private final ThreadLocal<NearDuplicateIndex.Signer> signers;

    private long input;
    private long duplicates;
    private long nearDuplicates;
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
        NearDuplicateIndex configuredNear = null;
        for (OperatorSpec spec : specs) {
            if (list.contains(spec.operator())) {
                throw new IllegalArgumentException("operator \"" + spec.operator().operatorName() + "\" is listed twice");
            }
            list.add(spec.operator());
            if (spec.operator() == TextOperator.MASK_PII) {
                configuredMasker = new PiiMasker(spec.piiKinds());
            } else if (spec.operator() == TextOperator.DEDUP_NEAR) {
                configuredNear = new NearDuplicateIndex(spec.nearThreshold(), spec.nearShingle());
            }
        }
        this.operators = List.copyOf(list);
        this.specs = List.of(specs);
        this.masker = configuredMasker;
        this.dedup = list.contains(TextOperator.DEDUP);
        this.near = configuredNear;
        NearDuplicateIndex index = configuredNear;
        this.signers = index == null ? null : ThreadLocal.withInitial(index::signer);
    }

    /** The operators with their options, as configured (for the step's figures). */
    public List<OperatorSpec> specs() {
        return specs;
    }

    public List<TextOperator> operators() {
        return operators;
    }

    /** The near-duplicate index, if {@code dedup-near} is configured (for figures). */
    public java.util.Optional<NearDuplicateIndex> nearIndex() {
        return java.util.Optional.ofNullable(near);
    }

    /** Runs the operators over one text; thread-safe, no state. */
    public Prepared prepare(String text) {
        String current = text;
        ContentHash.Hashed hash = null;
        byte[] signature = null;
        Map<PiiKind, Integer> masked = Map.of();
        for (TextOperator operator : operators) {
            switch (operator) {
                case NORMALIZE -> current = normalizer.normalize(current);
                case DEDUP -> hash = ContentHash.hashed(current);
                case DEDUP_NEAR -> signature = signers.get().sign(current);
                case MASK_PII -> {
                    MaskedText result = masker.mask(current);
                    current = result.text();
                    masked = result.counts();
                }
            }
        }
        return new Prepared(current, hash == null ? ContentHash.hashed(current) : hash, signature, masked);
    }

    /**
     * Tells whether a prepared item is an exact or a near duplicate of an earlier one, and counts it. Call in
     * input order, from one thread at a time.
     *
     * @param ref what a later near-duplicate of this item reports as {@link NearDuplicateIndex.Match#of()}
     */
    public ProcessedText decide(Prepared prepared, long ref) {
        input++;
        boolean duplicate = dedup && deduplicator.isDuplicate(prepared.hash().high(), prepared.hash().low());
        NearDuplicateIndex.Match match = null;
        if (duplicate) {
            duplicates++;
        } else if (near != null && prepared.signature() != null) {
            match = near.findOrAdd(prepared.signature(), ref);
        }
        if (match != null) {
            nearDuplicates++;
        } else if (!duplicate) {
            prepared.pii().forEach((kind, count) -> pii.merge(kind, (long) count, Long::sum));
        }
        return new ProcessedText(prepared.text(), prepared.hash().hex(), duplicate, prepared.pii(), match);
    }

    /** {@link #prepare} then {@link #decide}; a near-duplicate names the 1-based input position of its original. */
    public ProcessedText process(String text) {
        return decide(prepare(text), input + 1);
    }

    public ProcessStats stats() {
        long total = pii.values().stream().mapToLong(Long::longValue).sum();
        return new ProcessStats(input, input - duplicates - nearDuplicates, duplicates, nearDuplicates, pii, total);
    }
}
