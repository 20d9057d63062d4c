/** Text normalization shared by the process step, the pre-label rules and the sensitive-term check. */
package io.refinery.workflows.text;
