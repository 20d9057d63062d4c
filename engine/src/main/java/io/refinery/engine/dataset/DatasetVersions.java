package io.refinery.engine.dataset;

import io.refinery.engine.system.ApiException;
import org.springframework.stereotype.Service;

/** A dataset version as other modules ask for it: the one checked way to turn a version id into a version. */
@Service
public class DatasetVersions {
    private final DatasetRepository datasets;

    DatasetVersions(DatasetRepository datasets) {
        this.datasets = datasets;
    }

    /** The version; 404 naming it when there is none. */
    public DatasetRepository.VersionRow require(long versionId) {
        return datasets.version(versionId).orElseThrow(() -> ApiException.notFound("dataset version " + versionId));
    }
}
