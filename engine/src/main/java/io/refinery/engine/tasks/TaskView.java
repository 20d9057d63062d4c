package io.refinery.engine.tasks;

import java.util.Date;
import java.util.List;

/** A human task as the inbox shows it. */
public record TaskView(String id, String name, String kind, String taskDefinitionKey, String processInstanceId,
                       Long versionId, String datasetName, Integer round, Long packageId, Integer slot,
                       String assignee, List<String> candidateGroups, Date created, Date due, int priority) {
}
