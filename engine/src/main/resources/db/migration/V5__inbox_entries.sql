-- Inbox entries (issue 3): the open user tasks as the inbox filters, sorts and counts them, kept by a task listener
-- on every user task (InboxEntries) instead of joining Camunda's task, identity-link and variable tables per query.
-- One row per task and audience:
--   '*'         every open task (the managers' team view),
--   'u:<user>'  the task's assignee, or a candidate user of an unclaimed task,
--   'g:<group>' a candidate group of an unclaimed task.
-- A user's inbox is then one index range per audience the user belongs to. Portable SQL: H2 2.x and PostgreSQL 15.
-- V4 is reserved for the process models of the designer (issue 4).
CREATE TABLE inbox_entry (
    audience         VARCHAR(300) NOT NULL,
    task_id          VARCHAR(64)  NOT NULL,
    assignee         VARCHAR(255),
    task_key         VARCHAR(255) NOT NULL,
    round            INT,
    process_instance VARCHAR(64),
    definition_id    VARCHAR(64),
    name             VARCHAR(255),
    created          TIMESTAMP    NOT NULL,
    due              TIMESTAMP,
    priority         INT          NOT NULL,
    -- how many audiences besides '*' the task has: 1 = no one can see it twice, so counting needs no DISTINCT
    fanout           INT          NOT NULL,
    CONSTRAINT inbox_entry_pk PRIMARY KEY (audience, task_id)
);
CREATE INDEX inbox_entry_task ON inbox_entry (task_id);
-- every column an inbox query reads, after the audience: the database answers from the index alone
CREATE INDEX inbox_entry_cover ON inbox_entry (audience, priority, created, due, assignee, fanout, task_key, round,
    process_instance, definition_id, name, task_id);
