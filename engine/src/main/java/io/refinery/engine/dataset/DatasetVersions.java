package io.refinery.engine.dataset;

import io.refinery.engine.system.ApiException;
import org.springframework.stereotype.Service;

/** Datasets and their versions as other modules use them (the tables stay this module's). */
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

    public java.util.Optional<DatasetRepository.VersionRow> version(long versionId) {
        return datasets.version(versionId);
    }

    public void setStatus(long versionId, String status) {
        datasets.setStatus(versionId, status);
    }

    public boolean datasetExists(long datasetId) {
        return datasets.datasetExists(datasetId);
    }

    /** The major number the next release of the dataset takes (null: the next after the last). */
    public void setNextMajor(long datasetId, Integer major) {
        datasets.setNextMajor(datasetId, major);
    }

    /** Locks the version's row until the caller's transaction ends: writers of the version take turns. */
    public void lockVersion(long versionId) {
        datasets.lockVersion(versionId);
    }

    /** Locks the dataset's row until the caller's transaction ends (one writer per dataset). */
    public void lockDataset(long datasetId) {
        datasets.lockDataset(datasetId);
    }

    /** The dataset of this name (made when missing), for a test run of a drawn process. */
    public long datasetIdFor(String name, String taskType, String user) {
        return datasets.datasetIdFor(name, taskType, user);
    }

    public long insertVersion(long datasetId, String demandJson, String user) {
        return datasets.insertVersion(datasetId, demandJson, user);
    }

    public long insertSource(long versionId, String name, String sha256, long bytes, String user) {
        return datasets.insertSource(versionId, name, sha256, bytes, user);
    }

    public void setProcessInstance(long versionId, String processInstanceId) {
        datasets.setProcessInstance(versionId, processInstanceId);
    }
}
