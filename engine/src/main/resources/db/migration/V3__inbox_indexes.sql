-- Inbox (issue 3). Portable SQL: H2 2.x and PostgreSQL 15.
-- The inbox hides an unclaimed label slot from a person who already labels the same package in another slot:
-- look up "packages this person labels" by annotator. The page query joins assignments by (version_id, round, idx),
-- which the unique constraint label_assignment_idx already indexes.
-- Camunda's own tables get nothing here: ACT_RU_TASK (ASSIGNEE_, CREATE_TIME_), ACT_RU_IDENTITYLINK (GROUP_ID_,
-- USER_ID_, TASK_ID_) and ACT_RU_VARIABLE (EXECUTION_ID_, PROC_INST_ID_, TASK_ID_+NAME_+TYPE_) are indexed by
-- Camunda's create scripts on both databases, and Flyway may run before Camunda has created its schema.
CREATE INDEX label_assignment_annotator ON label_assignment (annotator, package_id, round);
-- The slots of one package in one round (the hidden-slot query and assignmentsOfPackage).
CREATE INDEX label_assignment_package ON label_assignment (package_id, round);
