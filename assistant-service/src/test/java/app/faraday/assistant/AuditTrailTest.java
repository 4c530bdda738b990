package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Every change to profiles and capabilities lands in the hash-chained audit trail with its actor. */
@QuarkusTest
class AuditTrailTest {

    private final TestUser admin = TestUser.admin();

    @Test
    void changesAreRecordedWithActorRequestIdAndChangedFields() throws Exception {
        int profile = Profiles.create(admin, null);
        given().auth().oauth2(admin.token()).header("X-Request-Id", "audit-test-" + profile)
                .contentType("application/json")
                .body("{\"configuration\": {\"temperature\": 0.1}}")
                .patch("/api/v1/assistant-profiles/" + profile).then().statusCode(200);
        int capability = Profiles.capability(admin, profile, "audited");
        given().auth().oauth2(TestUser.teacher().token()).post("/api/v1/assistant-profiles/" + profile + "/usage")
                .then().statusCode(200);
        given().auth().oauth2(admin.token()).delete("/api/v1/assistant-profiles/" + profile).then().statusCode(204);

        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            List<String> update = Sql.strings(c, "select actor::text || ' ' || client_request_id || ' '"
                    + " || (changes -> 'configuration' is not null)::text"
                    + " from assistant.audit_log where table_name = 'assistant_profiles'"
                    + " and op = 'UPDATE' and row_id = ?",
                    String.valueOf(profile));
            assertTrue(update.contains(admin.id() + " audit-test-" + profile + " true"), update.toString());
            assertEquals(1, Sql.count(c, "select count(*) from assistant.audit_log"
                    + " where table_name = 'assistant_capabilities'"
                    + " and op = 'DELETE' and row_id = ?", String.valueOf(capability)), "the cascade is audited too");
            assertEquals(1, Sql.count(c, "select count(*) from assistant.audit_log where table_name = 'assistant_usage'"
                    + " and op = 'INSERT' and row_id = ?", String.valueOf(profile)));
            assertEquals(1, Sql.count(c, "select count(*) from assistant.audit_log where table_name = 'outbox'"
                    + " and changes ->> 'subject' = ?", String.valueOf(profile)));
        }
        given().auth().oauth2(admin.token()).get("/api/v1/assistant-profiles/audit-chain")
                .then().statusCode(200).body("valid", equalTo(true));
        given().auth().oauth2(TestUser.teacher().token()).get("/api/v1/assistant-profiles/audit-chain")
                .then().statusCode(403);
    }

    @Test
    void usageIncrementsAfterTheFirstAreNotAudited() throws Exception {
        int profile = Profiles.create(admin, null);
        TestUser teacher = TestUser.teacher();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(teacher.token()).post("/api/v1/assistant-profiles/" + profile + "/usage").then()
                    .statusCode(200);
        }
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertEquals(1, Sql.count(c, "select count(*) from assistant.audit_log where table_name = 'assistant_usage'"
                    + " and row_id = ? and changes ->> 'user_id' = ?",
                    String.valueOf(profile), teacher.id().toString()));
        }
    }
}
