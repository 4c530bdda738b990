package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.audit.AuditTrail;
import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

/**
 * A person's data reaches the audit trail only encrypted under their own key: an admin reads it through the
 * service while they live, and after their erasure nothing of it can be read by anyone, while the chain
 * still verifies. Checked on the text of every row of every audit table, below the service.
 */
@QuarkusTest
class AuditErasureTest {

    private static final List<String> AUDIT_TABLES = List.of("audit_log", "audit_seal", "audit_pending",
            "audit_trail", "subject_keys");

    @Inject
    AuditTrail trail;

    @Test
    void anErasedPersonLeavesNothingReadableAndTheChainStillVerifies() throws Throwable {
        String tag = "Quillfeather" + (System.nanoTime() % 1_000_000);
        String email = "zq." + tag.toLowerCase() + "@springfield.edu";
        String name = "Zephyrine " + tag;
        UUID id = UUID.fromString(given().contentType("application/json")
                .body(Map.of("email", email, "password", Accounts.PASSWORD, "name", name))
                .post("/api/v1/auth/register").then().statusCode(201).extract().path("id"));
        String token = given().contentType("application/json").body(Map.of("email", email, "password",
                Accounts.PASSWORD)).post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("school", "Academy of " + tag, "department", "Physical Education"))
                .patch("/api/v1/users/me").then().statusCode(200);
        String emailHash;
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            emailHash = Sql.strings(c, "select encode(email_hash, 'hex') from users.login_events where user_id = ?",
                    id).get(0);
        }
        VertxContextSupport.subscribeAndAwait(() -> trail.sealNow());

        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertNoTrace(c, tag, emailHash, "sealed: only ciphertext is stored");
        }
        JsonPath living = entries(id);
        assertEquals(name, living.getString("items.find { it.table == 'users' && it.op == 'INSERT' }.changes.name"));
        assertEquals(email, living.getString("items.find { it.table == 'users' && it.op == 'INSERT' }.changes.email"));
        assertEquals(Arrays.asList(null, "Academy of " + tag), living.getList(
                "items.find { it.table == 'users' && it.op == 'UPDATE' }.changes.school"));
        assertEquals(emailHash, living.getString(
                "items.find { it.table == 'login_events' }.changes.email_hash").substring(2));

        given().auth().oauth2(token).delete("/api/v1/users/me").then().statusCode(204);
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertTrue(Sql.count(c, "select count(*) from users.audit_pending where subject = ?", id) >= 1);
            assertEquals(0, Sql.count(c, "select count(*) from users.audit_pending where subject = ?"
                    + " and personal <> '{}'", id), "erasure empties what waits for a seal, at once");
        }
        VertxContextSupport.subscribeAndAwait(() -> trail.sealNow());

        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertNoTrace(c, tag, emailHash, "erased");
            assertEquals(List.of("true"), Sql.strings(c, "select (wrapped is null and erased_at is not null)::text"
                    + " from users.subject_keys where subject = ?", id), "the key is shredded, a tombstone stays");
            assertTrue(Sql.count(c, "select count(*) from users.audit_seal where subject = ? and personal is null",
                    id) >= 1, "the values of the deletion itself were dropped, not sealed under a new key");
        }
        JsonPath erased = entries(id);
        assertEquals("[erased]", erased.getString("items.find { it.table == 'users' && it.op == 'INSERT' }"
                + ".changes.name"));
        assertEquals("[erased]", erased.getString("items.find { it.table == 'users' && it.op == 'DELETE' }"
                + ".changes.email"));
        given().auth().oauth2(admin()).queryParam("full", true).get("/api/v1/users/audit-chain").then()
                .statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void aSignInAttemptForAnUnknownEmailKeepsNoPersonalValue() throws Throwable {
        String unknown = Accounts.email("nobody");
        given().contentType("application/json").body(Map.of("email", unknown, "password", "wrong wrong wrong"))
                .post("/api/v1/auth/login").then().statusCode(401);
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            List<String> changes = Sql.strings(c, "select (a.changes ->> 'client_ip') || ' '"
                    + " || (a.changes ->> 'email_hash') || ' ' || (p.entry_id is null)::text from users.audit_log a"
                    + " left join users.audit_pending p using (entry_id)"
                    + " where a.table_name = 'login_events' and a.changes ->> 'user_id' is null"
                    + " order by a.entry_id desc limit 1");
            assertEquals(List.of("[personal] [personal] true"), changes);
        }
    }

    @Test
    void entriesFromBeforePersonalColumnsWereDeclaredLoseThoseValuesUnlessSealed() throws Throwable {
        String sealed = "legacy.sealed." + System.nanoTime() + "@example.org";
        String legacy = "legacy.open." + System.nanoTime() + "@example.org";
        try (Connection owner = TestDatabase.get().connectAsOwner(UsersDatabase.SCHEMA)) {
            legacyEntry(owner, sealed);
            VertxContextSupport.subscribeAndAwait(() -> trail.sealNow());
            legacyEntry(owner, legacy);
            assertTrue(Sql.count(owner, "select users.audit_forget_legacy_personal('users', 'email', 'name')") >= 1);
            assertEquals(List.of("[personal] Lee"), Sql.strings(owner, "select (changes ->> 'email') || ' '"
                    + " || (changes ->> 'school') from users.audit_log where changes ->> 'name' = '[personal]'"
                    + " and changes ->> 'school' = 'Lee'"), "the declared columns go, the rest stays");
            assertEquals(1, Sql.count(owner, "select count(*) from users.audit_log where changes::text like ?",
                    "%" + sealed + "%"), "a sealed entry is never changed");
            assertEquals(0, Sql.count(owner, "select count(*) from users.audit_log where changes::text like ?",
                    "%" + legacy + "%"));
        }
        VertxContextSupport.subscribeAndAwait(() -> trail.sealNow());
        given().auth().oauth2(admin()).queryParam("full", true).get("/api/v1/users/audit-chain").then()
                .statusCode(200).body("valid", equalTo(true));
    }

    /** An entry as the trigger wrote them before personal columns were declared: values in the clear. */
    private static void legacyEntry(Connection owner, String email) throws SQLException {
        Sql.update(owner, "insert into users.audit_log (at, table_name, op, row_id, changes)"
                + " values (now(), 'users', 'UPDATE', ?, jsonb_build_object('email', jsonb_build_array(null, ?),"
                + " 'name', 'Legacy Lee', 'school', 'Lee'))", UUID.randomUUID().toString(), email);
    }

    @Test
    void entriesRejectBadParameters() {
        given().auth().oauth2(admin()).queryParam("subject", "not-a-uuid").get("/api/v1/users/audit-chain/entries")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin()).queryParam("limit", 501).get("/api/v1/users/audit-chain/entries")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Accounts.teacher("entries-teacher").token()).get("/api/v1/users/audit-chain/entries")
                .then().statusCode(403);
    }

    /** No audit table holds the tag (name, email, school) or the email's hash in any column, as text. */
    private static void assertNoTrace(Connection c, String tag, String emailHash, String when) throws SQLException {
        for (String table : AUDIT_TABLES) {
            assertEquals(0, Sql.count(c, "select count(*) from users." + table + " t where t::text ilike ?",
                    "%" + tag + "%"), when + ": " + table + " holds the person's name, email or school");
            assertEquals(0, Sql.count(c, "select count(*) from users." + table + " t where t::text ilike ?",
                    "%" + emailHash + "%"), when + ": " + table + " holds the hash of the person's email");
        }
    }

    private static JsonPath entries(UUID subject) {
        return given().auth().oauth2(admin()).queryParam("subject", subject.toString()).queryParam("limit", 500)
                .get("/api/v1/users/audit-chain/entries").then().statusCode(200).extract().jsonPath();
    }

    private static String adminToken;

    private static synchronized String admin() {
        if (adminToken == null) {
            adminToken = Accounts.admin("erasure-auditor").adminToken();
        }
        return adminToken;
    }
}
