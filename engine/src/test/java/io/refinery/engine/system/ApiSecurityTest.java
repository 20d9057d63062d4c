package io.refinery.engine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refinery.engine.HeadlessEngine;
import io.refinery.workflows.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** Every door is authenticated and roles are enforced on the server. */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/security",
                "spring.datasource.url=jdbc:h2:mem:security;DB_CLOSE_DELAY=-1"})
class ApiSecurityTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswer401WithoutCredentials() throws Exception {
        for (String path : new String[] {"/api/tasks", "/api/versions", "/api/releases", "/engine-rest/engine",
                "/engine-rest/process-definition", "/engine-rest/external-task/fetchAndLock"}) {
            assertThat(send("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(send("POST", "/api/demands", null, "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswer401ForAWrongPassword() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tasks"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("manager:wrong".getBytes()))
                .build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Autowired
    IdentityService identity;
    @Autowired
    IdentityAuthenticationProvider provider;

    @Test
    void aLockedAccountIsToldSoEvenWithTheRightPassword() {
        org.camunda.bpm.engine.identity.User user = identity.newUser("locktest");
        user.setPassword("right-one");
        identity.saveUser(user);
        var wrong = new UsernamePasswordAuthenticationToken("locktest", "wrong-one");
        assertThatThrownBy(() -> provider.authenticate(wrong)).isInstanceOf(BadCredentialsException.class);
        var right = new UsernamePasswordAuthenticationToken("locktest", "right-one");
        assertThatThrownBy(() -> provider.authenticate(right)).isInstanceOfSatisfying(AccountLockedException.class,
                e -> assertThat(e.seconds()).isBetween(1L, 60L));
    }

    @Test
    void shouldForbidAnAnnotatorTheManagersEndpoints() throws Exception {
        String demand = "{\"name\":\"x\",\"taskType\":\"text-classification\",\"labelSet\":[\"a\"],\"targetSize\":1,"
                + "\"source\":\"upload\"}";
        HttpResponse<String> response = send("POST", "/api/demands", "ann1", demand);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("role");
        assertThat(send("PUT", "/api/versions/1/sources/a.jsonl", "ann1", "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void shouldForbidPeopleTheWorkerEndpointsAndWorkersTheRestOfCamunda() throws Exception {
        assertThat(send("POST", "/api/versions/1/raw-items", "manager", "").statusCode()).isEqualTo(403);
        assertThat(send("GET", "/engine-rest/process-definition", "worker", null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/engine-rest/process-definition", "manager", null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/engine-rest/process-definition", "admin", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLetTheWorkerAccountFetchAndLockExternalTasks() throws Exception {
        String fetch = "{\"workerId\":\"t\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"" + Topics.COLLECT
                + "\",\"lockDuration\":1000}]}";
        HttpResponse<String> response = send("POST", "/engine-rest/external-task/fetchAndLock", "worker", fetch);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("[");
        assertThat(send("POST", "/engine-rest/external-task/fetchAndLock", "ann1", fetch).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRejectBadDemandsNamingTheField() throws Exception {
        HttpResponse<String> response = send("POST", "/api/demands", "manager",
                "{\"name\":\"ok\",\"taskType\":\"nonsense\",\"labelSet\":[\"a\"],\"targetSize\":1,\"source\":\"upload\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("taskType");
    }
}
