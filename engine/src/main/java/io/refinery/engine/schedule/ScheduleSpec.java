package io.refinery.engine.schedule;

import io.refinery.engine.system.ApiException;

/**
 * What a manager asks for: a name, a kind, a Quartz cron in a time zone, and the kind's parameters.
 *
 * @param datasetId          collect: the dataset whose next version is collected (its newest demand is reused)
 * @param folder             collect: the folder on the worker host, under the worker's collect root
 * @param preApproved        collect: true (the default) = the run skips the "Approve demand" wait; the schedule's
 *                           creator approved it by creating the schedule, and is recorded as the approver
 * @param referenceVersionId drift-check: the released version that newer data is compared with
 * @param maxPsi             drift-check limits; absent = the process defaults (0.2, 0.3, 0.05)
 */
public record ScheduleSpec(String name, String kind, String cron, String zone, Long datasetId, String folder,
                           Boolean preApproved, Long referenceVersionId, Double maxPsi, Double maxTvd,
                           Double maxAnomalyRatio) {

    public ScheduleKind kindOf() {
        return ScheduleKind.of(kind);
    }

    /** This spec checked field by field, trimmed, with defaults; errors name the field. */
    public ScheduleSpec validated() {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw ApiException.badRequest("field 'name': required, at most 200 characters");
        }
        if (kind == null) {
            throw ApiException.badRequest("field 'kind': required, 'collect' or 'drift-check'");
        }
        ScheduleKind k = kindOf();
        CronSchedule cronSchedule = CronSchedule.of(cron, zone);
        if (k == ScheduleKind.COLLECT) {
            require(datasetId, "datasetId", "the dataset to collect into");
            if (folder == null || folder.isBlank() || folder.length() > 500) {
                throw ApiException.badRequest("field 'folder': required, a folder under the worker's collect root"
                        + " (at most 500 characters)");
            }
            if (folder.replace('\\', '/').matches("(.*/)?\\.\\.(/.*)?")) {
                throw ApiException.badRequest("field 'folder': '" + folder + "' must not contain '..'");
            }
            return new ScheduleSpec(name.strip(), k.id(), cronSchedule.cron(), cronSchedule.zone().getId(), datasetId,
                    folder.strip(), preApproved == null || preApproved, null, null, null, null);
        }
        require(referenceVersionId, "referenceVersionId", "the released version to compare with");
        limit(maxPsi, "maxPsi", Double.MAX_VALUE);
        limit(maxTvd, "maxTvd", 1);
        limit(maxAnomalyRatio, "maxAnomalyRatio", 1);
        return new ScheduleSpec(name.strip(), k.id(), cronSchedule.cron(), cronSchedule.zone().getId(), null, null,
                null, referenceVersionId, maxPsi, maxTvd, maxAnomalyRatio);
    }

    CronSchedule cronSchedule() {
        return CronSchedule.of(cron, zone);
    }

    private static void require(Long id, String field, String what) {
        if (id == null) {
            throw ApiException.badRequest("field '" + field + "': required, " + what);
        }
    }

    private static void limit(Double value, String field, double max) {
        if (value != null && (value.isNaN() || value <= 0 || value > max)) {
            throw ApiException.badRequest("field '" + field + "': " + value + " must be above 0"
                    + (max < Double.MAX_VALUE ? " and at most " + max : ""));
        }
    }
}
