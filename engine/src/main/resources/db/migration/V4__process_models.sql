-- Process designer (issue 4). Portable SQL: H2 2.x and PostgreSQL 15.
-- Drafts are diagrams being edited; what runs is always a deployed Camunda definition. TEXT is a CLOB in H2 and
-- unbounded text in PostgreSQL: a model may be up to refinery.models.max-bytes (10 MB by default).
-- A deleted draft is kept with who deleted it and when (nothing is deleted silently).
CREATE TABLE model_draft (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    kind        VARCHAR(10)  NOT NULL,
    process_key VARCHAR(255),
    xml         TEXT         NOT NULL,
    created_by  VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    saved_by    VARCHAR(100) NOT NULL,
    saved_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_by  VARCHAR(100),
    deleted_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX model_draft_saved ON model_draft (deleted_at, saved_at);

-- Who deployed what from the designer: one row per Camunda deployment (Camunda's ACT_RE_DEPLOYMENT has no user).
-- Written in the same transaction as the deployment, so both exist or neither.
CREATE TABLE model_deployment (
    deployment_id VARCHAR(64)  PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    deployed_by   VARCHAR(100) NOT NULL,
    deployed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
