package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

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
            assertEquals(a.email(), insert.path("email").asText());

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
            assertEquals("Roosevelt Elementary", changes.path("school").get(1).asText());
            assertTrue(changes.path("school").get(0).isNull());
            assertTrue(changes.has("updated_at"));
            assertFalse(changes.has("name"), "unchanged fields are not recorded");
        }
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

    @Test
    void theChainVerifiesAndTamperingIsDetected() throws Exception {
        Accounts.Account admin = Accounts.admin("audit-admin");
        given().auth().oauth2(admin.adminToken()).get("/api/v1/users/audit-chain")
                .then().statusCode(200).body("valid", equalTo(true)).body("firstInvalidSeq", nullValue());

        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            c.setAutoCommit(false);
            long seq = Long.parseLong(Sql.strings(c, "select min(seq) from users.audit_log"
                    + " where table_name = 'users'").get(0));
            String original = Sql.strings(c, "select changes::text from users.audit_log where seq = ?", seq).get(0);
            Sql.update(c, "update users.audit_log set changes = jsonb_set(changes, '{name}', '\"Mallory\"')"
                    + " where seq = ?", seq);
            c.commit();
            try {
                given().auth().oauth2(admin.adminToken()).get("/api/v1/users/audit-chain")
                        .then().statusCode(200).body("valid", equalTo(false))
                        .body("firstInvalidSeq", equalTo((int) seq));
            } finally {
                Sql.update(c, "update users.audit_log set changes = ?::jsonb where seq = ?", original, seq);
                c.commit();
            }

            long last = Long.parseLong(Sql.strings(c, "select max(seq) from users.audit_log").get(0));
            List<String> row = Sql.strings(c, "select row_to_json(a)::text from users.audit_log a where seq = ?", last);
            Sql.update(c, "delete from users.audit_log where seq = ?", last);
            c.commit();
            try {
                given().auth().oauth2(admin.adminToken()).get("/api/v1/users/audit-chain")
                        .then().statusCode(200).body("valid", equalTo(false));
            } finally {
                Sql.update(c, "insert into users.audit_log"
                        + " select * from json_populate_record(null::users.audit_log, ?::json)",
                        row.get(0));
                c.commit();
            }
        }
        given().auth().oauth2(admin.adminToken()).get("/api/v1/users/audit-chain")
                .then().statusCode(200).body("valid", equalTo(true));
    }
}
