package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every change leaves an audit row naming who, in which request, and what changed; secrets never. */
@QuarkusTest
class AuditTrailTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void changesAreAuditedWithActorRequestIdAndOnlyTheChangedFields() throws Exception {
        Accounts.Account a = Accounts.teacher("audit");
        given().auth().oauth2(a.token()).header("X-Request-Id", "audit-test-42").contentType("application/json")
                .body(Map.of("school", "Roosevelt Elementary")).patch("/api/v1/users/me").then().statusCode(200);
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            List<String> inserted = Sql.strings(c, "select changes::text from users.audit_log"
                    + " where table_name = 'users' and op = 'INSERT' and row_id = ?", a.id().toString());
            assertEquals(1, inserted.size());
            JsonNode insert = JSON.readTree(inserted.get(0));
            assertEquals("[redacted]", insert.path("password_hash").asText());
            assertEquals("[personal]", insert.path("email").asText(), "sealed under the person's key instead");
            assertEquals("teacher", insert.path("roles").get(0).asText());

            List<String> update = Sql.strings(c, "select actor::text || '|' || request_id || '|' || client_request_id"
                    + " || '|' || changes::text from users.audit_log"
                    + " where table_name = 'users' and op = 'UPDATE' and row_id = ?",
                    a.id().toString());
            assertEquals(1, update.size());
            String[] parts = update.get(0).split("\\|", 4);
            assertEquals(a.id().toString(), parts[0]);
            assertTrue(parts[1].matches("[0-9a-f-]{36}"), "the service's own id: " + parts[1]);
            assertEquals("audit-test-42", parts[2], "the client's id, beside ours");
            JsonNode changes = JSON.readTree(parts[3]);
            assertEquals("[personal]", changes.path("school").asText());
            assertTrue(changes.has("updated_at"));
            assertFalse(changes.has("name"), "unchanged fields are not recorded");
        }
        JsonPath entries = given().auth().oauth2(Accounts.admin("audit-reader").adminToken())
                .queryParam("subject", a.id().toString()).get("/api/v1/users/audit-chain/entries")
                .then().statusCode(200).extract().jsonPath();
        List<Object> school = entries.getList("items.find { it.table == 'users' && it.op == 'UPDATE' }.changes.school");
        assertEquals(Arrays.asList(null, "Roosevelt Elementary"), school, "an admin reads it through the service");
        assertEquals("audit-test-42", entries.getString("items.find { it.op == 'UPDATE' }.clientRequestId"));
    }

    @Test
    void aReusedClientRequestIdCannotMakeTwoRequestsLookAlike() throws Exception {
        Accounts.Account a = Accounts.teacher("audit-reuse");
        for (String school : new String[] { "Lincoln Elementary", "Jefferson Middle" }) {
            given().auth().oauth2(a.token()).header("X-Request-Id", "victims-request-7").contentType("application/json")
                    .body(Map.of("school", school)).patch("/api/v1/users/me").then().statusCode(200)
                    .header("X-Request-Id", "victims-request-7");
        }
        given().auth().oauth2(a.token()).header("X-Request-Id", "victims-request-7").contentType("application/json")
                .body("{\"school\": 5}").patch("/api/v1/users/me").then().statusCode(400)
                .header("X-Request-Id", "victims-request-7")
                .body("requestId", org.hamcrest.Matchers.equalTo("victims-request-7"));
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            List<String> ids = Sql.strings(c, "select request_id from users.audit_log where table_name = 'users'"
                    + " and op = 'UPDATE' and row_id = ? and client_request_id = 'victims-request-7'",
                    a.id().toString());
            assertEquals(2, ids.size());
            assertEquals(2, ids.stream().distinct().count(), "each request has its own id: " + ids);
            assertFalse(ids.contains("victims-request-7"));
        }
        given().auth().oauth2(Accounts.admin("audit-verifier").adminToken()).get("/api/v1/users/audit-chain").then()
                .statusCode(200).body("valid", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void noPasswordHashEverReachesTheAuditTrail() throws Exception {
        Accounts.teacher("audit-hash");
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertEquals(0, Sql.count(c, "select count(*) from users.audit_log where changes::text ~ '\\$2[aby]\\$'"));
        }
    }
}
