-- Chunked, resumable uploads of source files (issue 11): one row per upload session; the bytes received so far are
-- in <data-dir>/uploads/<id>.part until the session is completed (moved into the blob store as a source_file) or
-- cancelled. Portable SQL: H2 2.x and PostgreSQL 15.
CREATE TABLE source_upload (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    version_id   BIGINT       NOT NULL REFERENCES dataset_version (id),
    name         VARCHAR(255) NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    content_type VARCHAR(200),
    received     BIGINT       NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    source_id    BIGINT REFERENCES source_file (id),
    started_by   VARCHAR(100) NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX source_upload_version ON source_upload (version_id);
