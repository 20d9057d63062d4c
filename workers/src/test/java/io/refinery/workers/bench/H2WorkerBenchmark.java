package io.refinery.workers.bench;

import java.util.Map;

/** The worker benchmark on the embedded default, an H2 file. */
class H2WorkerBenchmark extends WorkerBenchmark {

    @Override
    String database() {
        return "H2 file";
    }

    @Override
    Map<String, String> databaseProperties() {
        return Map.of();
    }
}
