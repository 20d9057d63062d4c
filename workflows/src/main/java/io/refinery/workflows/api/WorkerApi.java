package io.refinery.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Every path of the product API ({@code /api}) that workers call, defined once, with the records of the JSON bodies
 * a step sends and gets back. The constants are path templates, compile-time constants so that the engine's
 * {@code @GetMapping}/{@code @PostMapping} use them; the static methods build the concrete path a worker calls.
 * {@link #ENDPOINTS} lists each path with its HTTP method; an engine test asserts that the engine serves every one of
 * them. Bodies of NDJSON streams and of the per-step figures ({@link #STATS}) are open by design: their lines and
 * figures belong to the step.
 */
public final class WorkerApi {

    public static final String VERSION = "/api/versions/{versionId}";
    public static final String SOURCES = VERSION + "/sources";
    public static final String SOURCE_CONTENT = SOURCES + "/{sourceId}/content";
    public static final String SOURCES_POLICY = "/api/sources/policy";
    public static final String RAW_ITEMS = VERSION + "/raw-items";
    public static final String QUARANTINE = VERSION + "/quarantine";
    public static final String ITEMS = VERSION + "/items";
    public static final String PRELABELS = VERSION + "/prelabels";
    /** Counts of one step of a build ({@code step}: collect, process, prelabel, ...). */
    public static final String STATS = VERSION + "/stats/{step}";
    public static final String MEDIA = VERSION + "/media/{name}";
    /** How far a running step is ({@code step}: collect, process, ...): what its worker reports while it runs. */
    public static final String PROGRESS = VERSION + "/progress/{step}";
    /** Plans a labelling round: cuts packages and creates their slots (the plan-round step). */
    public static final String PLAN_ROUND = VERSION + "/rounds/{round}/plan";
    public static final String FINALIZE_ROUND = VERSION + "/rounds/{round}/finalize";
    public static final String QC_ITEMS = VERSION + "/qc-items";
    public static final String QC_GOLD = VERSION + "/qc-gold";
    public static final String QUALITY = VERSION + "/quality";
    public static final String RELEASE = VERSION + "/release";
    public static final String RELEASE_NEXT_LABEL = RELEASE + "/next-label";
    public static final String RELEASE_LINEAGE = RELEASE + "/lineage";
    public static final String RELEASE_FILE = RELEASE + "/files/{name}";
    public static final String RELEASE_SEAL = RELEASE + "/seal";
    public static final String RELEASE_ITEMS = VERSION + "/release-items";
    public static final String HARD_EXAMPLES = "/api/datasets/{datasetId}/hard-examples";
    public static final String DRIFT_RESULT = "/api/drift-results/{processInstanceId}";
    /** Completes a batch of external tasks in one call (the workers' batch completer). */
    public static final String COMPLETE_EXTERNAL_TASKS = "/api/external-tasks/complete";

    /** Body of {@code POST} {@link #PLAN_ROUND}: how the round's items are cut into packages and how often labelled. */
    public record RoundPlanRequest(int packageSize, int overlap) {
    }

    /** Answer of {@code POST} {@link #PLAN_ROUND}: the round planned and how many label tasks it needs. */
    public record PlannedRound(int round, int labelTaskCount) {
    }

    /**
     * Body of {@code POST} {@link #QUALITY}: the verdict of a round's quality check, its report (a JSON object) and the
     * packages it found failing (relabelled when the gate sends the round back).
     */
    public record QualityVerdict(int round, boolean passed, JsonNode report, List<Long> failingPackageIds) {
    }

    /** Answer of {@code POST} {@link #QUALITY}: what was recorded. */
    public record VerdictRecorded(int round, int failingPackages) {
    }

    /**
     * Body of {@code PUT} {@link #PROGRESS}: {@code rows} handled so far, {@code done} of {@code total} units of work
     * ({@code unit}: bytes or rows; {@code total} 0 when not known), the rate over the last report, the time left
     * at that rate ({@code null} when not known) and whether the step is still running.
     */
    public record Progress(long rows, long done, long total, String unit, double rowsPerSecond, Long secondsLeft,
                           boolean running) {
    }

    /** Body of {@code POST} {@link #RELEASE_SEAL}: how many items the files written hold. */
    public record Seal(long itemCount) {
    }

    /** One path a worker calls, with its HTTP method. */
    public record Endpoint(String method, String path) {
    }

    /** Every endpoint workers use. */
    public static final List<Endpoint> ENDPOINTS = List.of(
            get(VERSION), get(SOURCES), get(SOURCE_CONTENT), get(SOURCES_POLICY),
            get(RAW_ITEMS), post(RAW_ITEMS), get(QUARANTINE), post(QUARANTINE), get(ITEMS), post(ITEMS),
            post(PRELABELS), new Endpoint("PUT", STATS), new Endpoint("PUT", PROGRESS), get(MEDIA), post(PLAN_ROUND),
            post(FINALIZE_ROUND), get(QC_ITEMS), get(QC_GOLD), get(QUALITY), post(QUALITY),
            get(RELEASE), get(RELEASE_NEXT_LABEL), get(RELEASE_LINEAGE), new Endpoint("PUT", RELEASE_FILE),
            post(RELEASE_SEAL), get(RELEASE_ITEMS), get(HARD_EXAMPLES), new Endpoint("PUT", DRIFT_RESULT),
            post(COMPLETE_EXTERNAL_TASKS));

    private WorkerApi() {
    }

    public static String version(long versionId) {
        return expand(VERSION, versionId);
    }

    public static String sources(long versionId) {
        return expand(SOURCES, versionId);
    }

    public static String sourceContent(long versionId, long sourceId) {
        return expand(SOURCE_CONTENT, versionId, sourceId);
    }

    public static String rawItems(long versionId) {
        return expand(RAW_ITEMS, versionId);
    }

    public static String quarantine(long versionId) {
        return expand(QUARANTINE, versionId);
    }

    public static String items(long versionId) {
        return expand(ITEMS, versionId);
    }

    public static String prelabels(long versionId) {
        return expand(PRELABELS, versionId);
    }

    public static String stats(long versionId, String step) {
        return expand(STATS, versionId, step);
    }

    public static String progress(long versionId, String step) {
        return expand(PROGRESS, versionId, step);
    }

    public static String media(long versionId, String name) {
        return expand(MEDIA, versionId, name);
    }

    public static String planRound(long versionId, int round) {
        return expand(PLAN_ROUND, versionId, round);
    }

    public static String finalizeRound(long versionId, int round) {
        return expand(FINALIZE_ROUND, versionId, round);
    }

    public static String qcItems(long versionId) {
        return expand(QC_ITEMS, versionId);
    }

    public static String qcGold(long versionId) {
        return expand(QC_GOLD, versionId);
    }

    public static String quality(long versionId) {
        return expand(QUALITY, versionId);
    }

    public static String release(long versionId) {
        return expand(RELEASE, versionId);
    }

    public static String releaseNextLabel(long versionId) {
        return expand(RELEASE_NEXT_LABEL, versionId);
    }

    public static String releaseLineage(long versionId) {
        return expand(RELEASE_LINEAGE, versionId);
    }

    public static String releaseFile(long versionId, String name) {
        return expand(RELEASE_FILE, versionId, name);
    }

    public static String releaseSeal(long versionId) {
        return expand(RELEASE_SEAL, versionId);
    }

    public static String releaseItems(long versionId) {
        return expand(RELEASE_ITEMS, versionId);
    }

    public static String hardExamples(long datasetId) {
        return expand(HARD_EXAMPLES, datasetId);
    }

    public static String driftResult(String processInstanceId) {
        return expand(DRIFT_RESULT, processInstanceId);
    }

    /** {@code template} with its {@code {name}} variables replaced, in order, by {@code values}. */
    public static String expand(String template, Object... values) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int at = 0;
        for (Object value : values) {
            int open = template.indexOf('{', at);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("too many values for " + template);
            }
            out.append(template, at, open).append(value);
            at = close + 1;
        }
        if (template.indexOf('{', at) >= 0) {
            throw new IllegalArgumentException("too few values for " + template);
        }
        return out.append(template, at, template.length()).toString();
    }

    private static Endpoint get(String path) {
        return new Endpoint("GET", path);
    }

    private static Endpoint post(String path) {
        return new Endpoint("POST", path);
    }
}
