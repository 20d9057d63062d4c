/**
 * Pre-label rules ({@code label: keyword|keyword|re:regex}, one per line): parsed and applied by the pre-label
 * worker, and tried on sample rows in the demand form. One definition for both.
 */
package io.refinery.workflows.prelabel;
