package io.refinery.engine.modeling;

import java.util.List;

/**
 * The outcome of {@link ProcessModels#validate}: every problem found (a deploy happens only when there is none), and
 * per process whether it can build a dataset ({@code contract}: a process that fails it still deploys, as a plain
 * process, but no demand may name it).
 */
public record Validation(List<Problem> problems, List<ContractReport> contract) {

    public Validation {
        problems = List.copyOf(problems);
        contract = contract == null ? List.of() : List.copyOf(contract);
    }

    public Validation(List<Problem> problems) {
        this(problems, List.of());
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Whether every process of the files passes the dataset-process contract (false when there is none). */
    public boolean datasetProcess() {
        return !contract.isEmpty() && contract.stream().allMatch(ContractReport::datasetProcess);
    }
}
