package io.refinery.workers.release;

import java.util.List;
import java.util.Map;

/**
 * Where a release came from, written into {@code manifest.json} and the datasheet.
 *
 * @param processInstanceId        the dataset build
 * @param processDefinitionKey     the deployed process it ran, e.g. {@code dataset-construction}
 * @param processDefinitionVersion that definition's deployed version
 * @param sources                  the source files collected (name, bytes, SHA-256 of the bytes read)
 * @param operators                the Process step's operators with their options, in order
 * @param workerVersions           per step, the version of the worker that did it (jar Implementation-Version)
 * @param rounds                   labelling rounds until release
 */
public record Lineage(String processInstanceId, String processDefinitionKey, Integer processDefinitionVersion,
                      String processDefinitionId, List<SourceFile> sources, List<String> operators,
                      Map<String, String> workerVersions, int rounds) {

    public Lineage {
        sources = List.copyOf(sources);
        operators = List.copyOf(operators);
        workerVersions = Map.copyOf(workerVersions);
    }

    /** One collected source file; {@code bytes}/{@code sha256} are null when the collect step did not record them. */
    public record SourceFile(String name, Long bytes, String sha256) {
    }

}
