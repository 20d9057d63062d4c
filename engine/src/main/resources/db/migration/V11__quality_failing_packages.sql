-- The packages a QC round found failing, kept with its verdict (issue 12): the QC step only records its verdict; what
-- follows from it (relabelling those packages in the next round) is planned after the gate, by the plan-round step.
CREATE TABLE quality_failing_package (
    version_id  BIGINT NOT NULL REFERENCES dataset_version (id),
    round       INT NOT NULL,
    package_id  BIGINT NOT NULL REFERENCES work_package (id),
    PRIMARY KEY (version_id, round, package_id)
);
