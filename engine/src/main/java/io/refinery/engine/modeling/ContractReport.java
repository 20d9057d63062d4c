package io.refinery.engine.modeling;

import java.util.List;

/**
 * Whether one process of a file can build a dataset (the dataset-process contract, {@link DatasetContract}).
 *
 * @param processKey     the process's key
 * @param datasetProcess true when it passes: a demand may name it
 * @param steps          the dataset steps it uses, in drawing order (collect, process, …)
 * @param problems       what is missing, each on its element (source {@code contract})
 */
public record ContractReport(String processKey, boolean datasetProcess, List<String> steps, List<Problem> problems) {

    public ContractReport {
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
    }
}
