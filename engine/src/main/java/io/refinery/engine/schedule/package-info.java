/**
 * Schedules: a manager runs a process on a Quartz cron (nightly collection into the dataset's next version, weekly
 * drift check of a release); Quartz's clustered JDBC job store lives in the same database, and every firing is logged.
 */
package io.refinery.engine.schedule;
