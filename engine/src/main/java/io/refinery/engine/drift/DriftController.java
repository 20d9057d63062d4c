package io.refinery.engine.drift;

import io.refinery.engine.system.ApiException;
import io.refinery.workflows.api.WorkerApi;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/drift-results}: the drift-check worker writes one result per process instance (a redone job overwrites
 * it with the same values); managers read them.
 */
@RestController
class DriftController {
    private final DriftResults results;

    DriftController(DriftResults results) {
        this.results = results;
    }

    @PutMapping(WorkerApi.DRIFT_RESULT)
    @PreAuthorize("hasAnyRole('WORKER','ADMIN')")
    DriftResult put(@PathVariable String processInstanceId, @RequestBody DriftResult body) {
        for (double v : new double[] {body.psi(), body.tvd(), body.anomalyRatio()}) {
            if (Double.isNaN(v) || v < 0) {
                throw ApiException.badRequest("psi, tvd and anomalyRatio must be numbers of at least 0");
            }
        }
        return results.put(processInstanceId, body);
    }

    @GetMapping(WorkerApi.DRIFT_RESULT)
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    DriftResult get(@PathVariable String processInstanceId) {
        return results.of(processInstanceId)
                .orElseThrow(() -> ApiException.notFound("drift result of process instance " + processInstanceId));
    }

    /** The newest first. */
    @GetMapping("/api/drift-results")
    @PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
    List<DriftResult> list(@RequestParam long datasetId) {
        return results.ofDataset(datasetId);
    }
}
