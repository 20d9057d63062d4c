package io.refinery.engine.dataset;

import io.refinery.workflows.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Service;

/**
 * A demand's run drawn on its own process: which steps it went through, where it is now, how far each long step is
 * (its worker's last report) and how many human tasks are open at each step, a collapsed sub-process counting the
 * tasks inside it. Bounded by the size of the diagram, not of the run: a round of 19,000 open label tasks is read as
 * one count per task step and one row per step of the run's history.
 */
@Service
public class DemandRun {

    /** The diagram of the run's process and where the run stands on it. */
    public record View(String processInstanceId, String xml, List<Element> elements) {
    }

    /**
     * One element the run has reached: whether a token is there now ({@code active}) or it was passed, the open human
     * tasks at it (or inside it), and the last progress report of the step it runs (null for other elements).
     */
    public record Element(String elementId, boolean active, long openTasks, DemandList.StepProgress progress) {
    }

    private final DatasetRepository datasets;
    private final DemandList demands;
    private final HistoryService history;
    private final RepositoryService repository;
    private final TaskService tasks;

    DemandRun(DatasetRepository datasets, DemandList demands, HistoryService history, RepositoryService repository,
              TaskService tasks) {
        this.datasets = datasets;
        this.demands = demands;
        this.history = history;
        this.repository = repository;
        this.tasks = tasks;
    }

    /** The run of the version's demand, or empty before it has one. */
    public Optional<View> of(long versionId) {
        String pi = datasets.version(versionId).map(DatasetRepository.VersionRow::processInstanceId).orElse(null);
        HistoricProcessInstance instance = pi == null ? null
                : history.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        String xml;
        try (InputStream in = repository.getProcessModel(instance.getProcessDefinitionId())) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BpmnModelInstance model = Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(
                xml.getBytes(StandardCharsets.UTF_8)));
        Map<String, DemandList.StepProgress> progress = new HashMap<>();
        demands.stepProgress(versionId).forEach(p -> progress.put(p.step(), p));
        Map<String, Long> open = openTasks(pi, model);
        Map<String, Element> elements = new LinkedHashMap<>();
        for (boolean active : new boolean[] {false, true}) {
            for (HistoricActivityInstance a : demands.steps(pi, active)) {
                elements.put(a.getActivityId(), element(model, a.getActivityId(), active, open, progress));
            }
        }
        return Optional.of(new View(pi, xml, new ArrayList<>(elements.values())));
    }

    /** Open tasks by element: each user task's count, added to every sub-process around it. */
    private Map<String, Long> openTasks(String processInstanceId, BpmnModelInstance model) {
        Map<String, Long> open = new HashMap<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            long n = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(task.getId()).count();
            if (n == 0) {
                continue;
            }
            for (ModelElementInstance e = task; e instanceof FlowElement f; e = e.getParentElement()) {
                open.merge(f.getId(), n, Long::sum);
            }
        }
        return open;
    }

    private static Element element(BpmnModelInstance model, String id, boolean active, Map<String, Long> open,
                                   Map<String, DemandList.StepProgress> progress) {
        ModelElementInstance e = model.getModelElementById(id);
        DemandList.StepProgress p = null;
        if (e instanceof ServiceTask task && task.getCamundaTopic() != null) {
            p = progress.get(Topics.step(task.getCamundaTopic()));
        }
        boolean container = e instanceof SubProcess;
        return new Element(id, active, active || container ? open.getOrDefault(id, 0L) : 0, p);
    }
}
