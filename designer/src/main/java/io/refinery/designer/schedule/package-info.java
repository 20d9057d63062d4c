/** Schedules page: managers list, create, edit, pause, resume, delete and run schedules, and read each one's firings. */
package io.refinery.designer.schedule;
