package io.refinery.engine.modeling;

import java.util.List;

/**
 * A deployed process version as a demand sees it: whether it can build a dataset and, when not, why.
 *
 * @param datasetProcess passes the dataset-process contract: a demand may name it
 * @param steps          the dataset steps it uses
 * @param problems       what is missing, per element (empty when it passes)
 */
public record ProcessChoice(DeployedDefinition definition, boolean datasetProcess, List<String> steps,
                            List<Problem> problems) {
}
