/** The task inbox: one page of a person's (or, for managers, the team's) open tasks in a constant number of queries. */
package io.refinery.engine.labeling.inbox;
