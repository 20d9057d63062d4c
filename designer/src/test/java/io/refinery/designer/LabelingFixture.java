package io.refinery.designer;

import io.refinery.engine.tasks.TaskKind;
import io.refinery.engine.dataset.Demand;
import io.refinery.engine.dataset.DatasetRepository;
import io.refinery.engine.dataset.DemandService;
import io.refinery.engine.dataset.ItemRepository;
import io.refinery.engine.labeling.PackageWork;
import io.refinery.engine.labeling.RoundPlanning;
import io.refinery.engine.tasks.Tasks;
import io.refinery.engine.tasks.TaskView;
import io.refinery.engine.system.BlobStore;
import io.refinery.engine.system.CurrentUser;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Process state for UI tests, made through the engine's own services, no workers: a demand is filed and approved,
 * the automated steps are completed as a worker would (their rows written with the engine's repository, their
 * external tasks completed via Camunda's ExternalTaskService), and round 1 is planned.
 */
public final class LabelingFixture {
    public record Build(long versionId, String processInstanceId) {
    }

    private final ApplicationContext context;

    public LabelingFixture(ApplicationContext context) {
        this.context = context;
    }

    public static CurrentUser user(String id) {
        return switch (id) {
            case "expert" -> new CurrentUser(id, List.of("experts"), List.of("EXPERT"));
            case "manager" -> new CurrentUser(id, List.of("managers"), List.of("MANAGER"));
            default -> new CurrentUser(id, List.of("annotators"), List.of("ANNOTATOR"));
        };
    }

    /** A version whose label tasks wait (overlap 2, one package of all texts); {@code prelabels[i]} may be null. */
    public Build upToLabelling(String name, String taskType, List<String> labels, List<String> texts, List<String> prelabels) {
        DemandService demands = context.getBean(DemandService.class);
        ItemRepository items = context.getBean(ItemRepository.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        TaskService tasks = context.getBean(TaskService.class);
        var started = demands.start(new Demand(name, "UI test", taskType, labels, null, texts.size(), null, null, "upload",
                texts.size(), 2, null, null, null), "manager");
        long v = started.versionId();
        String approval = tasks.createTaskQuery().processInstanceId(started.processInstanceId()).singleResult().getId();
        tasks.complete(approval, Map.of(Vars.APPROVED, true));
        List<Object[]> raw = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            raw.add(new Object[] {"ui.jsonl", (long) i + 1, "{\"text\":\"x\"}"});
        }
        items.insertRaw(v, raw);
        completeExternal(v, Topics.COLLECT, Map.of(Vars.COLLECTED_COUNT, (long) texts.size()));
        List<Long> rawIds = jdbc.queryForList("SELECT id FROM raw_item WHERE version_id = ? ORDER BY line_no", Long.class, v);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(new Object[] {rawIds.get(i), name + "-" + (i + 1), texts.get(i), sha256(texts.get(i)), null, null});
        }
        items.insertItems(v, rows);
        List<Long> itemIds = jdbc.queryForList("SELECT id FROM item WHERE version_id = ? ORDER BY id", Long.class, v);
        List<Object[]> pre = new ArrayList<>();
        for (int i = 0; prelabels != null && i < prelabels.size(); i++) {
            if (prelabels.get(i) != null) {
                pre.add(new Object[] {prelabels.get(i), "keyword rule", itemIds.get(i)});
            }
        }
        items.setPrelabels(v, pre);
        completeExternal(v, Topics.PROCESS, Map.of(Vars.ITEM_COUNT, (long) texts.size()));
        completeExternal(v, Topics.PRELABEL, Map.of(Vars.PRELABELED_COUNT, (long) pre.size()));
        int count = context.getBean(RoundPlanning.class).planFirstRound(v, texts.size(), 2);
        completeExternal(v, Topics.PLAN_ROUND, io.refinery.workflows.LabelWaves.of(count, 2).variables());
        io.refinery.engine.support.ApiCalls.runWaveJobs(context.getBean(org.camunda.bpm.engine.ManagementService.class),
                started.processInstanceId());
        try {
            io.refinery.engine.support.ApiCalls.awaitLabelTasks(context.getBean(TaskService.class),
                    started.processInstanceId(), count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Build(v, started.processInstanceId());
    }

    /**
     * Uploads pictures of the shipped {@code samples/shapes} set as files of the build's version, as a manager would
     * before Collect; image items name them in their text.
     */
    public void uploadImages(Build build, List<String> names) {
        BlobStore blobs = context.getBean(BlobStore.class);
        DatasetRepository datasets = context.getBean(DatasetRepository.class);
        for (String name : names) {
            try (var in = LabelingFixture.class.getResourceAsStream("/samples/shapes/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no sample picture " + name);
                }
                BlobStore.Blob blob = blobs.put(in, 10_000_000);
                datasets.insertSource(build.versionId(), name, blob.sha256(), blob.bytes(), "manager");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The id of a label task of the build that the annotator may take (claimed for them when {@code claim}). */
    public String labelTask(Build build, String annotator, boolean claim) {
        Tasks labeling = context.getBean(Tasks.class);
        TaskView task = labeling.inbox(user(annotator), 1000).stream()
                .filter(t -> build.processInstanceId().equals(t.processInstanceId()) && TaskKind.LABEL.id().equals(t.kind())
                        && (t.assignee() == null || annotator.equals(t.assignee())))
                .findFirst().orElseThrow();
        if (claim) {
            labeling.claim(task.id(), user(annotator));
        }
        return task.id();
    }

    /** The open task of this kind in the build, as the given user's inbox shows it. */
    public String task(Build build, String user, String kind) {
        return context.getBean(Tasks.class).inbox(user(user), 1000).stream()
                .filter(t -> build.processInstanceId().equals(t.processInstanceId()) && kind.equals(t.kind()))
                .findFirst().orElseThrow().id();
    }

    /** Labels a whole package through the service (as the API would) and submits it. */
    public void labelAll(String taskId, String annotator, List<String> labels) {
        PackageWork labeling = context.getBean(PackageWork.class);
        var pkg = labeling.openPackage(taskId, user(annotator));
        for (int i = 0; i < pkg.items().size(); i++) {
            labeling.annotate(taskId, pkg.items().get(i).itemId(), labels.get(i % labels.size()), user(annotator));
        }
        context.getBean(Tasks.class).complete(taskId, null, user(annotator));
    }

    /** Completes the build's own task on this topic (other tests' builds may wait on the same topic). */
    private void completeExternal(long versionId, String topic, Map<String, Object> vars) {
        ExternalTaskService external = context.getBean(ExternalTaskService.class);
        List<LockedExternalTask> locked = external.fetchAndLock(10, "ui-test").topic(topic, 60_000)
                .processInstanceVariableEquals(Vars.VERSION_ID, versionId).execute();
        if (locked.size() != 1) {
            throw new IllegalStateException(locked.size() + " tasks on " + topic);
        }
        external.complete(locked.get(0).getId(), "ui-test", vars);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
