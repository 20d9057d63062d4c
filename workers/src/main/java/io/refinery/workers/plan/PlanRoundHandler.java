package io.refinery.workers.plan;

import io.refinery.workers.api.EngineApi;
import io.refinery.workers.runtime.Job;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workflows.LabelWaves;
import io.refinery.workflows.Topics;
import io.refinery.workflows.Vars;
import io.refinery.workflows.api.WorkerApi;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plan labelling round: the engine cuts the items not yet in a package into work packages and plans the round
 * (every package in round 1; later the packages the previous round's QC found failing and any new ones). The step
 * completes with {@code labelTaskCount} and the waves the engine creates them in ({@link LabelWaves}: the wave
 * subprocess's and the Label step's loop cardinalities). A redo plans nothing new.
 */
public final class PlanRoundHandler implements TopicHandler {
    private final EngineApi api;

    public PlanRoundHandler(EngineApi api) {
        this.api = api;
    }

    @Override
    public String topic() {
        return Topics.PLAN_ROUND;
    }

    @Override
    public List<String> variables() {
        return List.of(Vars.VERSION_ID, Vars.ROUND, Vars.PACKAGE_SIZE, Vars.OVERLAP);
    }

    @Override
    public Map<String, Object> handle(Job job) throws IOException {
        long versionId = job.getLong(Vars.VERSION_ID);
        int round = job.variables().get(Vars.ROUND) == null ? 1 : job.getInt(Vars.ROUND);
        WorkerApi.PlannedRound plan = api.postJson(WorkerApi.planRound(versionId, round),
                new WorkerApi.RoundPlanRequest(job.getInt(Vars.PACKAGE_SIZE), job.getInt(Vars.OVERLAP)),
                WorkerApi.PlannedRound.class);
        int tasks = plan.labelTaskCount();
        LabelWaves waves = LabelWaves.of(tasks, job.getInt(Vars.OVERLAP));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("round", round);
        figures.put("labelTaskCount", tasks);
        figures.put("packageSize", job.getInt(Vars.PACKAGE_SIZE));
        figures.put("overlap", job.getInt(Vars.OVERLAP));
        figures.put("labelWaveCount", waves.waveCount());
        figures.put("labelWaveSize", waves.waveSize());
        api.putJson(WorkerApi.stats(versionId, "plan-round"), figures);
        return waves.variables();
    }
}
