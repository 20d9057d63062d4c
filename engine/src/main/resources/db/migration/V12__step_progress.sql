-- how far a running step is, as its worker last reported it (rows, done of total, rate, time left); one row per
-- version and step, overwritten by each report, kept after the step ends (running = false)
CREATE TABLE step_progress (
    version_id    BIGINT NOT NULL REFERENCES dataset_version (id),
    step          VARCHAR(40) NOT NULL,
    progress_json VARCHAR NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (version_id, step)
);
