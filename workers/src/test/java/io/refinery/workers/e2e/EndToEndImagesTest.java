package io.refinery.workers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refinery.workers.api.EngineApi;
import io.refinery.workers.demo.DemoRun;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image dataset from upload to labelling with the shipped shapes sample: pictures are uploaded as files of the
 * version (a renamed text file is refused), rows name them in {@code image}; collect quarantines a row naming a
 * picture nobody uploaded, process keeps one item per distinct picture (a copy under another name is a duplicate),
 * the label tasks appear, the pictures are served to the people working on them only, and a box answer is stored.
 */
class EndToEndImagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LABELS = List.of("crack", "corrosion", "valve", "person");

    @Test
    void imagesBecomeLabelTasks(@TempDir Path data) throws Exception {
        try (TestPlatform platform = TestPlatform.h2(data)) {
            platform.startWorker("images-worker");
            EngineApi manager = platform.as("manager");
            Map<String, Object> demand = new LinkedHashMap<>(DemoRun.demand("shapes-boxes"));
            demand.put("taskType", "image-bbox");
            demand.put("labelSet", LABELS);
            demand.put("packageSize", 10);
            demand.put("targetSize", 40);
            JsonNode started = manager.postJson("/api/demands", demand);
            long version = started.path("versionId").asLong();
            String pi = started.path("processInstanceId").asText();
            String base = "/api/versions/" + version;

            byte[] first = null;
            StringBuilder rows = new StringBuilder();
            for (JsonNode row : annotations()) {
                String name = row.path("image").asText();
                byte[] png = resource("samples/shapes/" + name);
                first = first == null ? png : first;
                manager.putBytes(base + "/sources/" + name, png, "image/png");
                ObjectNode clean = JSON.createObjectNode().put("id", name.replace(".png", "")).put("image", name)
                        .put("width", row.path("width").asInt()).put("height", row.path("height").asInt());
                rows.append(clean).append('\n');
            }
            manager.putBytes(base + "/sources/scene-01-copy.png", first, "image/png"); // same bytes, other name
            rows.append("{\"id\":\"copy\",\"image\":\"scene-01-copy.png\"}\n");
            rows.append("{\"id\":\"lost\",\"image\":\"missing.png\"}\n");
            manager.putBytes(base + "/sources/images.jsonl", rows.toString().getBytes(StandardCharsets.UTF_8),
                    "application/octet-stream");
            assertThatThrownBy(() -> manager.putBytes(base + "/sources/fake.png", "<html>no</html>".getBytes(),
                    "image/png")).isInstanceOfSatisfying(EngineApi.ApiError.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("fake.png").contains("not a PNG image");
                    });

            approve(manager, pi);
            List<JsonNode> labelTasks = waitForLabelTasks(platform.as("ann1"), pi);
            assertThat(labelTasks).hasSize(8); // 40 pictures in packages of 10, two labels each

            JsonNode counts = manager.get(base).path("counts");
            assertThat(counts.path("raw_items").asLong()).isEqualTo(41);
            assertThat(counts.path("quarantined").asLong()).isEqualTo(1);
            assertThat(counts.path("items").asLong()).isEqualTo(40);
            List<JsonNode> quarantine = new ArrayList<>();
            manager.streamNdjson(base + "/quarantine", quarantine::add);
            assertThat(quarantine).singleElement().satisfies(q -> {
                assertThat(q.path("source").asText()).isEqualTo("images.jsonl");
                assertThat(q.path("line").asLong()).isEqualTo(42);
                assertThat(q.path("reason").asText()).contains("\"image\"").contains("missing.png");
            });

            // pictures: the expert may look; an annotator only once a package of this version is theirs
            assertThat(bytes(platform.as("expert"), base + "/media/scene-01.png")).isEqualTo(first);
            assertThatThrownBy(() -> bytes(platform.as("ann1"), base + "/media/scene-01.png"))
                    .isInstanceOfSatisfying(EngineApi.ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
            assertThatThrownBy(() -> bytes(platform.as("expert"), base + "/media/images.jsonl"))
                    .isInstanceOfSatisfying(EngineApi.ApiError.class, e -> assertThat(e.status()).isEqualTo(404));

            EngineApi ann1 = platform.as("ann1");
            String task = labelTasks.get(0).path("id").asText();
            ann1.postJson("/api/tasks/" + task + "/claim", Map.of());
            JsonNode pkg = ann1.get("/api/tasks/" + task + "/package");
            assertThat(pkg.path("taskType").asText()).isEqualTo("image-bbox");
            JsonNode item = pkg.path("items").get(0);
            assertThat(item.path("text").asText()).endsWith(".png");
            assertThat(bytes(ann1, base + "/media/" + item.path("text").asText())).isNotEmpty();

            Map<String, Object> box = Map.of("x", 10, "y", 20, "w", 30, "h", 40, "label", "valve");
            ann1.putJson("/api/tasks/" + task + "/items/" + item.path("itemId").asLong() + "/annotation",
                    Map.of("value", Map.of("boxes", List.of(box))));
            JsonNode saved = ann1.get("/api/tasks/" + task + "/package").path("items").get(0).path("value");
            assertThat(saved.path("boxes").get(0).path("label").asText()).isEqualTo("valve");
            assertThatThrownBy(() -> ann1.putJson("/api/tasks/" + task + "/items/" + item.path("itemId").asLong()
                    + "/annotation", Map.of("value", Map.of("boxes", List.of(Map.of("x", 1, "y", 1, "w", 5, "h", 5,
                    "label", "dog"))))))
                    .isInstanceOfSatisfying(EngineApi.ApiError.class, e -> assertThat(e.getMessage()).contains("dog"));
        }
    }

    private static List<JsonNode> annotations() throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(resource("samples/shapes/annotations.jsonl")), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = EndToEndImagesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(EngineApi api, String path) throws Exception {
        try (InputStream in = api.download(path)) {
            return in.readAllBytes();
        }
    }

    private static void approve(EngineApi manager, String pi) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (JsonNode task : manager.get("/api/tasks")) {
                if (pi.equals(task.path("processInstanceId").asText()) && "approval".equals(task.path("kind").asText())) {
                    manager.postJson("/api/tasks/" + task.path("id").asText() + "/complete",
                            Map.of("variables", Map.of("approved", true)));
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no approval task for " + pi);
    }

    private static List<JsonNode> waitForLabelTasks(EngineApi annotator, String pi) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode task : annotator.get("/api/tasks")) {
                if (pi.equals(task.path("processInstanceId").asText()) && "label".equals(task.path("kind").asText())) {
                    found.add(task);
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no label tasks for " + pi + " within 90 s");
    }
}
