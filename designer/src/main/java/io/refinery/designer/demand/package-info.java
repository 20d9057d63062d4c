/**
 * Demands as managers file and follow them: the intake form ({@code demands/new}), the list ({@code demands}) and a
 * demand's page ({@code demands/{versionId}}), where a demand sent back for changes is revised.
 */
package io.refinery.designer.demand;
