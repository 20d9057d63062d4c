package io.refinery.workers.e2e;

import io.refinery.engine.HeadlessEngine;
import io.refinery.workers.WorkerMain;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.runtime.TopicHandler;
import io.refinery.workers.runtime.WorkerRuntime;
import io.refinery.workers.runtime.WorkerSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real engine (H2 file or PostgreSQL) on a random port, and workers that reach it only over HTTP, as a remote
 * worker would.
 */
final class TestPlatform implements AutoCloseable {
    static final String PG_ADMIN_URL = System.getenv().getOrDefault("REFINERY_TEST_PG_ADMIN_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");

    private final ConfigurableApplicationContext engine;
    private final List<WorkerRuntime> workers = new ArrayList<>();
    final String url;
    final Path dataDir;

    private TestPlatform(ConfigurableApplicationContext engine, Path dataDir) {
        this.engine = engine;
        this.dataDir = dataDir;
        this.url = "http://localhost:" + engine.getEnvironment().getProperty("local.server.port");
    }

    static TestPlatform h2(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** A fresh PostgreSQL database {@code name}, dropped and created again. */
    static TestPlatform postgres(Path dataDir, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        String url = PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1) + name;
        return start(dataDir, Map.of("spring.datasource.url", url, "spring.datasource.username", "postgres",
                "spring.datasource.password", ""));
    }

    static TestPlatform start(Path dataDir, Map<String, Object> extra) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", 0);
        props.put("refinery.data-dir", dataDir.toString());
        props.putAll(extra);
        // as command-line arguments: they must win over the engine's application.yaml
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(HeadlessEngine.class).run(args);
        return new TestPlatform(ctx, dataDir);
    }

    WorkerRuntime startWorker(String id) throws Exception {
        WorkerSettings settings = WorkerSettings.defaults(url, "worker", "worker").withWorkerId(id).withThreads(4);
        WorkerRuntime runtime = new WorkerRuntime(settings);
        EngineApi api = new EngineApi(url, "worker", "worker");
        for (TopicHandler handler : WorkerMain.handlers(api, null, dataDir.resolve("work-" + id))) {
            runtime.register(handler);
        }
        workers.add(runtime.start());
        return runtime;
    }

    /** A bean of the engine, for what a test must arrange or check behind the API. */
    <T> T bean(Class<T> type) {
        return engine.getBean(type);
    }

    EngineApi as(String user) {
        return new EngineApi(url, user, user);
    }

    @Override
    public void close() {
        workers.forEach(WorkerRuntime::close);
        engine.close();
    }
}
