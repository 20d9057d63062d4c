package io.refinery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.support.ApiCalls;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** The demand's licence and split settings, the lineage a release records, and the sources collect may read. */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/release-lineage",
                "spring.datasource.url=jdbc:h2:mem:releaselineage;DB_CLOSE_DELAY=-1"})
class ReleaseLineageApiTest {

    @Value("${local.server.port}")
    int port;

    private static String demand(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"taskType\":\"image-bbox\",\"labelSet\":[\"a\"],\"targetSize\":1,"
                + "\"source\":\"upload\"" + extra + "}";
    }

    @Test
    void shouldKeepLicenceAndSplitsOfTheDemandAndGiveTheLineageOfItsBuild() throws Exception {
        ApiCalls api = new ApiCalls(port);
        ApiCalls.Answer started = api.call("POST", "/api/demands", "manager", demand("lineage-a",
                ",\"license\":\"CC-BY-4.0\",\"splits\":{\"train\":70,\"validation\":15,\"test\":15,\"seed\":7}"),
                "application/json");
        assertThat(started.status()).isEqualTo(201);
        long versionId = started.body().path("versionId").asLong();

        var demand = api.call("GET", "/api/versions/" + versionId, "manager", null).body().path("demand");
        assertThat(demand.path("license").asText()).isEqualTo("CC-BY-4.0");
        assertThat(demand.path("splits").path("train").asInt()).isEqualTo(70);
        assertThat(demand.path("splits").path("seed").asLong()).isEqualTo(7);
        assertThat(demand.path("splits").has("hundredPercent")).isFalse();

        ApiCalls.Answer lineage = api.call("GET", "/api/versions/" + versionId + "/release/lineage", "worker", null);
        assertThat(lineage.status()).isEqualTo(200);
        assertThat(lineage.body().path("processInstanceId").asText())
                .isEqualTo(started.body().path("processInstanceId").asText());
        assertThat(lineage.body().path("processDefinitionKey").asText()).isEqualTo("dataset-construction");
        assertThat(lineage.body().path("processDefinitionVersion").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(api.call("GET", "/api/versions/" + versionId + "/release/lineage", "ann1", null).status())
                .isEqualTo(403);
    }

    @Test
    void shouldDefaultTheLicenceAndSplitsAndRefuseSplitsThatDoNotAddUpTo100() throws Exception {
        ApiCalls api = new ApiCalls(port);
        ApiCalls.Answer started = api.call("POST", "/api/demands", "manager", demand("lineage-b", ""), "application/json");
        var demand = api.call("GET", "/api/versions/" + started.body().path("versionId").asLong(), "manager", null)
                .body().path("demand");
        assertThat(demand.path("license").asText()).isEqualTo("internal use");
        assertThat(demand.path("splits").path("validation").asInt()).isEqualTo(10);

        ApiCalls.Answer refused = api.call("POST", "/api/demands", "manager", demand("lineage-c",
                ",\"splits\":{\"train\":80,\"validation\":10,\"test\":20}"), "application/json");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("must be 100");
    }

    @Test
    void shouldAcceptSourcesInTheDatasetFormatsAndRefuseOtherFiles() throws Exception {
        ApiCalls api = new ApiCalls(port);
        long versionId = api.call("POST", "/api/demands", "manager", demand("lineage-d", ""), "application/json")
                .body().path("versionId").asLong();
        for (String name : new String[] {"instances_default.json", "items.parquet", "frame.xml", "yolo.zip"}) {
            assertThat(api.call("PUT", "/api/versions/" + versionId + "/sources/" + name, "manager", "x",
                    "application/octet-stream").status()).as(name).isBetween(200, 201);
        }
        ApiCalls.Answer refused = api.call("PUT", "/api/versions/" + versionId + "/sources/tool.exe", "manager", "x",
                "application/octet-stream");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("YOLO");
    }
}
