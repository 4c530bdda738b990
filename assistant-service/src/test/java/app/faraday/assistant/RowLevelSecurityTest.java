package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Proves the policies below the service code: connected as the service's own database role, queries
 * without a WHERE clause see and change only what the transaction's context allows.
 */
@QuarkusTest
class RowLevelSecurityTest {

    private static final String SCHEMA = "assistant";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final TestUser admin = TestUser.admin();

    @Test
    void noContextSeesNothing() throws Exception {
        int profile = Profiles.create(admin, null);
        Profiles.capability(admin, profile, "unseen");
        given().auth().oauth2(TestUser.teacher().token()).post("/api/v1/assistant-profiles/" + profile + "/usage")
                .then().statusCode(200);
        try (Connection c = TestDatabase.get().connectAsApp(SCHEMA)) {
            assertEquals(0, Sql.count(c, "select count(*) from assistant.assistant_profiles"));
            assertEquals(0, Sql.count(c, "select count(*) from assistant.assistant_capabilities"));
            assertEquals(0, Sql.count(c, "select count(*) from assistant.assistant_usage"));
            assertEquals(0, Sql.count(c, "select count(*) from assistant.outbox"));
        }
    }

    @Test
    void aTeacherContextSeesActiveProfilesAndEnabledCapabilitiesOnly() throws Exception {
        int active = Profiles.create(admin, null);
        int inactive = Profiles.create(admin, "\"active\": false");
        Profiles.capability(admin, active, "shown");
        int disabled = Profiles.capability(admin, active, "disabled");
        Profiles.capability(admin, inactive, "under_inactive");
        given().auth().oauth2(admin.token()).contentType("application/json").body("{\"enabled\": false}")
                .patch("/api/v1/assistant-profiles/" + active + "/capabilities/" + disabled).then().statusCode(200);
        try (Connection c = TestDatabase.get().connectAsApp(SCHEMA)) {
            c.setAutoCommit(false);
            Sql.context(c, UUID.randomUUID(), "teacher");
            assertEquals(0, Sql.count(c, "select count(*) from assistant.assistant_profiles where not active"));
            assertEquals(1, Sql.count(c, "select count(*) from assistant.assistant_profiles where id = ?", active));
            assertEquals(List.of("shown"), Sql.strings(c,
                    "select name from assistant.assistant_capabilities where profile_id in (?, ?)", active, inactive));
            assertEquals(0, Sql.count(c, "select count(*) from assistant.assistant_capabilities where not enabled"));
            c.rollback();
        }
    }

    @Test
    void aTeacherContextWritesNoProfileOrCapability() throws Exception {
        int profile = Profiles.create(admin, null);
        int capability = Profiles.capability(admin, profile, "guarded");
        try (Connection c = TestDatabase.get().connectAsApp(SCHEMA)) {
            c.setAutoCommit(false);
            Sql.context(c, UUID.randomUUID(), "teacher");
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c,
                    "insert into assistant.assistant_profiles (name, model_version) values ('Sneaky', 'm1')"));
            assertEquals(0, Sql.update(c,
                    "update assistant.assistant_profiles set active = false where id = ?", profile));
            assertEquals(0, Sql.update(c, "delete from assistant.assistant_profiles where id = ?", profile));
            assertEquals(0, Sql.update(c,
                    "update assistant.assistant_capabilities set enabled = false where id = ?", capability));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c,
                    "insert into assistant.assistant_capabilities (profile_id, name, version)"
                            + " values (?, 'sneaky', '1.0.0')", profile));
            c.rollback();
        }
    }

    @Test
    void usageRowsBelongToTheirUser() throws Exception {
        int profile = Profiles.create(admin, null);
        int inactive = Profiles.create(admin, "\"active\": false");
        TestUser a = TestUser.teacher();
        TestUser b = TestUser.teacher();
        given().auth().oauth2(a.token()).post("/api/v1/assistant-profiles/" + profile + "/usage").then()
                .statusCode(200);
        given().auth().oauth2(b.token()).post("/api/v1/assistant-profiles/" + profile + "/usage").then()
                .statusCode(200);
        try (Connection c = TestDatabase.get().connectAsApp(SCHEMA)) {
            c.setAutoCommit(false);
            Sql.context(c, a.id(), "teacher");
            assertEquals(List.of(a.id().toString()), Sql.strings(c,
                    "select distinct user_id from assistant.assistant_usage"));
            assertEquals(0, Sql.update(c,
                    "update assistant.assistant_usage set uses = 1000 where user_id = ?", b.id()));
            assertEquals(0, Sql.update(c, "delete from assistant.assistant_usage"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "insert into assistant.assistant_usage"
                    + " (profile_id, user_id, day, uses)"
                    + " values (?, ?, current_date + 1, 1)", profile, b.id()));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "insert into assistant.assistant_usage"
                    + " (profile_id, user_id, day, uses)"
                    + " values (?, ?, current_date + 1, 1)", inactive, a.id()));
            assertNull(Sql.failure(c, "insert into assistant.assistant_usage (profile_id, user_id, day, uses)"
                    + " values (?, ?, current_date + 1, 1)", profile, a.id()));
            c.rollback();

            Sql.context(c, UUID.randomUUID(), "admin");
            assertTrue(Sql.count(c, "select count(distinct user_id) from assistant.assistant_usage"
                    + " where profile_id = ?", profile) == 2);
            c.rollback();
        }
    }

    @Test
    void theServiceRoleOwnsNothingAndCannotRewriteTheAuditTrail() throws Exception {
        Profiles.create(admin, null);
        try (Connection c = TestDatabase.get().connectAsApp(SCHEMA)) {
            c.setAutoCommit(false);
            Sql.context(c, null, "admin");
            assertTrue(Sql.count(c, "select count(*) from assistant.audit_log") > 0, "admins read the audit trail");
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "update assistant.audit_log set actor = null"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "delete from assistant.audit_log"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "delete from assistant.outbox"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c,
                    "alter table assistant.assistant_profiles disable row level security"));
            c.rollback();
            assertEquals(List.of("falsefalse"),
                    Sql.strings(c, "select rolbypassrls::text || rolsuper::text from pg_roles"
                            + " where rolname = current_user"));
            assertEquals(0, Sql.count(c, "select count(*) from pg_class"
                    + " where relowner = (select oid from pg_roles where rolname = current_user)"));
            assertEquals(List.of("true"), Sql.strings(c, "select bool_and(relrowsecurity and relforcerowsecurity)::text"
                    + " from pg_class"
                    + " where relnamespace = 'assistant'::regnamespace and relkind = 'r'"
                    + " and relname <> 'flyway_schema_history'"));
            assertEquals(List.of("false"), Sql.strings(c,
                    "select has_table_privilege(current_user, 'assistant.flyway_schema_history',"
                            + " 'insert,update,delete,truncate')::text"));
        }
    }
}
