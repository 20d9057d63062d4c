package io.refinery.engine.modeling;

import io.refinery.engine.system.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityStatistics;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.management.IncidentStatistics;
import org.springframework.stereotype.Service;

/**
 * How the runs of one deployed process version stand, element by element: how many are there now, how many went
 * through, were canceled there, and open incidents — what the designer draws on the diagram of a deployed version.
 * Two aggregate queries of the engine (history statistics, runtime statistics), whatever the number of runs.
 */
@Service
public class ProcessCounts {

    /** The runs at one element of the diagram. */
    public record ActivityCount(String activityId, long running, long finished, long canceled, long incidents) {
    }

    private final HistoryService history;
    private final ManagementService management;
    private final RepositoryService repository;

    ProcessCounts(HistoryService history, ManagementService management, RepositoryService repository) {
        this.history = history;
        this.management = management;
        this.repository = repository;
    }

    /** Elements with at least one run at or through them, by element id; 404 for an unknown process definition. */
    public List<ActivityCount> of(String definitionId) {
        if (repository.createProcessDefinitionQuery().processDefinitionId(definitionId).count() == 0) {
            throw ApiException.notFound("process definition " + definitionId);
        }
        Map<String, long[]> counts = new TreeMap<>();
        for (HistoricActivityStatistics s : history.createHistoricActivityStatisticsQuery(definitionId)
                .includeFinished().includeCanceled().list()) {
            long[] c = counts.computeIfAbsent(s.getId(), id -> new long[4]);
            c[0] = s.getInstances();
            c[1] = s.getFinished();
            c[2] = s.getCanceled();
        }
        for (ActivityStatistics s : management.createActivityStatisticsQuery(definitionId).includeIncidents().list()) {
            long incidents = s.getIncidentStatistics().stream().mapToLong(IncidentStatistics::getIncidentCount).sum();
            if (incidents > 0) {
                counts.computeIfAbsent(s.getId(), id -> new long[4])[3] = incidents;
            }
        }
        List<ActivityCount> list = new ArrayList<>();
        counts.forEach((id, c) -> list.add(new ActivityCount(id, c[0], c[1], c[2], c[3])));
        return list;
    }
}
