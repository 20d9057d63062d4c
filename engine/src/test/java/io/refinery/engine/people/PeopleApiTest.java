package io.refinery.engine.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.support.ApiCalls;
import io.refinery.engine.support.ApiCalls.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code /api/admin}: admins only, field-named errors, and every change at once over HTTP Basic. */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/people",
                "spring.datasource.url=jdbc:h2:mem:people;DB_CLOSE_DELAY=-1"})
class PeopleApiTest {
    @Value("${local.server.port}")
    int port;
    ApiCalls api;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(port);
    }

    private Answer as(String user, String password, String method, String path, Object body) throws Exception {
        return api.call(method, path, user, password, body == null ? null : new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(body), "application/json");
    }

    private Answer admin(String method, String path, Object body) throws Exception {
        return as("admin", "admin", method, path, body);
    }

    /** A status other than 401 means the password was accepted. */
    private int signIn(String user, String password) throws Exception {
        return as(user, password, "GET", "/api/tasks", null).status();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
    }

    private String createUser(String id, String password, List<String> groups) throws Exception {
        Answer created = admin("POST", "/api/admin/users", Map.of("id", id, "firstName", "Test", "lastName", "Person 测",
                "email", id + "@example.org", "password", password, "groups", groups));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return id;
    }

    private static List<String> groupIds(JsonNode person) {
        List<String> ids = new ArrayList<>();
        person.get("groups").forEach(g -> ids.add(g.get("id").asText()));
        return ids;
    }

    @Test
    void onlyAdminsGetIn() throws Exception {
        assertThat(as(null, null, "GET", "/api/admin/users", null).status()).isEqualTo(401);
        assertThat(as(null, null, "POST", "/api/admin/users", Map.of()).status()).isEqualTo(401);
        for (String user : List.of("manager", "ann1", "expert", "worker", "consumer")) {
            assertThat(as(user, user, "GET", "/api/admin/users", null).status()).as(user).isEqualTo(403);
            assertThat(as(user, user, "GET", "/api/admin/groups", null).status()).as(user).isEqualTo(403);
        }
        Answer refused = as("manager", "manager", "POST", "/api/admin/users", Map.of("id", "x", "password", "short"));
        assertThat(refused.status()).as("the role is checked before the body").isEqualTo(403);
        assertThat(as("manager", "manager", "DELETE", "/api/admin/users/ann1", null).status()).isEqualTo(403);
        assertThat(as("manager", "manager", "PUT", "/api/admin/users/ann1/password", Map.of("password", "12345678"))
                .status()).isEqualTo(403);
        assertThat(signIn("ann1", "ann1")).as("nothing changed").isEqualTo(200);
    }

    @Test
    void listsUsersWithTheirGroupsRolesAndStatusAndTheRoleGroupsWithCounts() throws Exception {
        Answer users = admin("GET", "/api/admin/users", null);
        assertThat(users.status()).isEqualTo(200);
        JsonNode adminUser = null;
        for (JsonNode u : users.body()) {
            if (u.get("id").asText().equals("admin")) {
                adminUser = u;
            }
        }
        assertThat(adminUser).isNotNull();
        assertThat(groupIds(adminUser)).containsExactly("admins", "managers");
        assertThat(adminUser.get("groups").get(0).get("role").asText()).isEqualTo("ADMIN");
        assertThat(adminUser.get("groups").get(1).get("role").asText()).isEqualTo("MANAGER");
        assertThat(adminUser.get("active").asBoolean()).isTrue();
        assertThat(adminUser.get("email").asText()).isEqualTo("admin@refinery.local");

        Answer groups = admin("GET", "/api/admin/groups", null);
        assertThat(groups.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        groups.body().forEach(g -> ids.add(g.get("id").asText()));
        assertThat(ids).containsExactly("admins", "managers", "experts", "annotators", "workers", "consumers");
        JsonNode annotators = groups.body().get(3);
        assertThat(annotators.get("role").asText()).isEqualTo("ANNOTATOR");
        assertThat(annotators.get("members").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void refusesBadUsersNamingTheField() throws Exception {
        Map<String, Object> good = Map.of("id", unique("bad"), "firstName", "B", "password", "long-enough",
                "groups", List.of("annotators"));
        Map<String, String> cases = Map.of(
                "id", "{\"id\":\"has-dash\",\"firstName\":\"B\",\"password\":\"long-enough\"}",
                "firstName", "{\"id\":\"" + good.get("id") + "\",\"password\":\"long-enough\"}",
                "email", "{\"id\":\"" + good.get("id") + "\",\"firstName\":\"B\",\"email\":\"nope\",\"password\":\"long-enough\"}",
                "password", "{\"id\":\"" + good.get("id") + "\",\"firstName\":\"B\",\"password\":\"1234567\"}",
                "groups", "{\"id\":\"" + good.get("id") + "\",\"firstName\":\"B\",\"password\":\"long-enough\","
                        + "\"groups\":[\"annotators\",\"root\"]}");
        for (var c : cases.entrySet()) {
            Answer answer = api.call("POST", "/api/admin/users", "admin", "admin", c.getValue(), "application/json");
            assertThat(answer.status()).as(c.getKey()).isEqualTo(400);
            assertThat(answer.body().get("message").asText()).as(c.getKey()).contains("field '" + c.getKey() + "'");
        }
        assertThat(admin("GET", "/api/admin/users/" + good.get("id"), null).status()).as("nothing created").isEqualTo(404);
        Answer taken = admin("POST", "/api/admin/users", Map.of("id", "ann1", "firstName", "X", "password", "long-enough"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().get("message").asText()).contains("field 'id'").contains("already exists");
        Answer shortReset = admin("PUT", "/api/admin/users/ann2/password", Map.of("password", "short"));
        assertThat(shortReset.status()).isEqualTo(400);
        assertThat(shortReset.body().get("message").asText()).contains("field 'password'").contains("8");
        assertThat(admin("PUT", "/api/admin/users/nobody-here/groups", List.of()).status()).isEqualTo(404);
    }

    @Test
    void createsAUserWhoSignsInAtOnceAndEditsItsNames() throws Exception {
        String id = createUser(unique("new"), "first-password", List.of("annotators"));
        assertThat(signIn(id, "first-password")).isEqualTo(200);
        Answer read = admin("GET", "/api/admin/users/" + id, null);
        assertThat(groupIds(read.body())).containsExactly("annotators");
        assertThat(read.body().get("lastName").asText()).isEqualTo("Person 测");

        Answer updated = admin("PUT", "/api/admin/users/" + id, Map.of("firstName", "Renamed", "lastName", "Again",
                "email", "renamed@example.org"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("firstName").asText()).isEqualTo("Renamed");
        assertThat(updated.body().get("email").asText()).isEqualTo("renamed@example.org");
        assertThat(signIn(id, "first-password")).as("a name change keeps the password").isEqualTo(200);
        Answer badEmail = admin("PUT", "/api/admin/users/" + id, Map.of("firstName", "R", "email", "x@"));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.body().get("message").asText()).contains("field 'email'");
    }

    @Test
    void theOldPasswordStopsWorkingAtOnceAfterAReset() throws Exception {
        String id = createUser(unique("reset"), "old-password", List.of("annotators"));
        assertThat(signIn(id, "old-password")).as("and now it is cached").isEqualTo(200);
        assertThat(admin("PUT", "/api/admin/users/" + id + "/password", Map.of("password", "new-password")).status())
                .isEqualTo(204);
        assertThat(signIn(id, "new-password")).isEqualTo(200);
        // last: a wrong password locks the account for a few seconds (Camunda's login delay)
        assertThat(signIn(id, "old-password")).isEqualTo(401);
    }

    @Test
    void groupChangesGiveAndTakeRightsAtOnce() throws Exception {
        String id = createUser(unique("groups"), "group-password", List.of("annotators"));
        assertThat(as(id, "group-password", "GET", "/api/schedules", null).status()).isEqualTo(403);
        Answer put = admin("PUT", "/api/admin/users/" + id + "/groups", Map.of("groups", List.of("managers", "annotators")));
        assertThat(put.status()).isEqualTo(200);
        assertThat(groupIds(put.body())).containsExactly("managers", "annotators");
        assertThat(as(id, "group-password", "GET", "/api/schedules", null).status()).as("manager now").isEqualTo(200);
        Answer plain = admin("PUT", "/api/admin/users/" + id + "/groups", List.of("experts"));
        assertThat(groupIds(plain.body())).containsExactly("experts");
        assertThat(as(id, "group-password", "GET", "/api/schedules", null).status()).as("manager no more").isEqualTo(403);
    }

    @Test
    void aDisabledUserIsRefusedAtOnceAndComesBackWhenEnabled() throws Exception {
        String id = createUser(unique("off"), "off-password", List.of("annotators"));
        assertThat(signIn(id, "off-password")).isEqualTo(200);
        Answer disabled = admin("POST", "/api/admin/users/" + id + "/disable", null);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body().get("active").asBoolean()).isFalse();
        assertThat(signIn(id, "off-password")).isEqualTo(401);
        assertThat(admin("POST", "/api/admin/users/" + id + "/enable", null).body().get("active").asBoolean()).isTrue();
        assertThat(signIn(id, "off-password")).isEqualTo(200);
    }

    @Test
    void deletesAUserWhoseCredentialsStopAtOnce() throws Exception {
        String id = createUser(unique("gone"), "gone-password", List.of("experts"));
        assertThat(signIn(id, "gone-password")).isEqualTo(200);
        assertThat(admin("DELETE", "/api/admin/users/" + id, null).status()).isEqualTo(204);
        assertThat(signIn(id, "gone-password")).isEqualTo(401);
        assertThat(admin("GET", "/api/admin/users/" + id, null).status()).isEqualTo(404);
        assertThat(admin("DELETE", "/api/admin/users/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void anAdminKeepsItselfAndTheLastActiveAdmin() throws Exception {
        Answer self = admin("DELETE", "/api/admin/users/admin", null);
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.body().get("message").asText()).contains("your own account");
        assertThat(admin("POST", "/api/admin/users/admin/disable", null).status()).isEqualTo(409);
        Answer last = admin("PUT", "/api/admin/users/admin/groups", List.of("managers"));
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.body().get("message").asText()).contains("last active admin");

        String second = createUser(unique("boss"), "boss-password", List.of("admins"));
        assertThat(as(second, "boss-password", "GET", "/api/admin/users", null).status()).isEqualTo(200);
        assertThat(admin("POST", "/api/admin/users/" + second + "/disable", null).status()).isEqualTo(200);
        assertThat(admin("PUT", "/api/admin/users/admin/groups", List.of("managers")).status())
                .as("a disabled admin does not count").isEqualTo(409);
        assertThat(admin("POST", "/api/admin/users/" + second + "/enable", null).status()).isEqualTo(200);
        Answer stepDown = as(second, "boss-password", "PUT", "/api/admin/users/" + second + "/groups", List.of("managers"));
        assertThat(stepDown.status()).as("admin is still there").isEqualTo(200);
        assertThat(as(second, "boss-password", "GET", "/api/admin/users", null).status()).as("rights gone at once")
                .isEqualTo(403);
        assertThat(admin("GET", "/api/admin/users/admin", null).body().get("active").asBoolean()).isTrue();
    }
}
