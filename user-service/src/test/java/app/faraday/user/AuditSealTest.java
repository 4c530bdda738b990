package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.audit.AuditTrail;
import app.faraday.kit.audit.SealKeys;
import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;

/**
 * The audit trail is sealed after commit with a key the database never sees. Every attack here is made
 * as the schema's owner, in SQL: the role whose password a running service holds, and which can switch
 * off the row security of its own tables.
 */
@QuarkusTest
class AuditSealTest {

    private static final String SCHEMA = UsersDatabase.SCHEMA;

    @Inject
    AuditTrail trail;

    @Test
    void everyWriteIsSealedAfterCommitAndTheChainVerifies() throws Exception {
        Accounts.Account teacher = Accounts.teacher("seal");
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertTrue(Sql.count(c, "select count(*) from users.audit_trail where seq is null"
                    + " and table_name = 'users' and row_id = ?", teacher.id().toString()) > 0,
                    "written, and visibly not sealed yet");
            seal(() -> trail.sealNow());
            assertEquals(0, Sql.count(c, "select count(*) from users.audit_trail where seq is null"));
            assertEquals(List.of("true"), Sql.strings(c, "select (count(*) = max(seq))::text from users.audit_seal"),
                    "positions run 1..n without a gap");
        }
        JsonPath full = verify(true);
        assertEquals(true, full.getBoolean("valid"), full.prettify());
        assertEquals(0, full.getLong("fromSeq"));
        assertEquals(full.getLong("headSeq"), full.getLong("rowsChecked"));
        assertEquals(0, full.getLong("unsealed"));

        Accounts.teacher("seal-after");
        seal(() -> trail.sealNow());
        JsonPath incremental = verify(false);
        assertEquals(true, incremental.getBoolean("valid"), incremental.prettify());
        assertTrue(incremental.getLong("fromSeq") >= full.getLong("headSeq"), "starts at the last checkpoint");
        assertTrue(incremental.getLong("rowsChecked") < incremental.getLong("headSeq"), incremental.prettify());
    }

    @Test
    void editsDeletionsReorderingAndRecomputationByTheOwnerAreDetected() throws Exception {
        for (int i = 0; i < 3; i++) {
            Accounts.teacher("seal-tamper");
        }
        seal(() -> trail.sealNow());
        long k;
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            k = Sql.count(c, "select max(seq) - 4 from users.audit_seal");
        }
        long seq = k;

        List<String> original = new ArrayList<>();
        attack("an edited field", seq, "altered", c -> {
            original.add(Sql.strings(c, "select changes::text from users.audit_log where entry_id = ?", entryAt(c, seq))
                    .get(0));
            Sql.update(c, "update users.audit_log set changes = jsonb_set(changes, '{name}', '\"Mallory\"')"
                    + " where entry_id = ?", entryAt(c, seq));
        }, c -> Sql.update(c, "update users.audit_log set changes = ?::jsonb where entry_id = ?", original.get(0),
                entryAt(c, seq)));

        List<String> hashes = new ArrayList<>();
        attack("seals recomputed without the key", seq, "altered", c -> {
            hashes.addAll(Sql.strings(c, "select seq || ':' || encode(hash, 'hex') from users.audit_seal"
                    + " where seq >= ?", seq));
            Sql.update(c, "update users.audit_seal set hash = sha256(convert_to(a.changes::text, 'UTF8'))"
                    + " from users.audit_log a where a.entry_id = audit_seal.entry_id and audit_seal.seq >= ?", seq);
        }, c -> {
            for (String h : hashes) {
                String[] parts = h.split(":");
                Sql.update(c, "update users.audit_seal set hash = decode(?, 'hex') where seq = ?", parts[1],
                        Long.parseLong(parts[0]));
            }
        });

        List<String> saved = new ArrayList<>();
        attack("a deleted entry", seq, "missing", c -> {
            saved.add(Sql.strings(c, "select row_to_json(s)::text from users.audit_seal s where seq = ?", seq).get(0));
            long entry = entryAt(c, seq);
            saved.add(Sql.strings(c, "select row_to_json(a)::text from users.audit_log a where entry_id = ?", entry)
                    .get(0));
            Sql.update(c, "delete from users.audit_seal where seq = ?", seq);
            Sql.update(c, "delete from users.audit_log where entry_id = ?", entry);
        }, c -> {
            Sql.update(c, "insert into users.audit_log"
                    + " select * from json_populate_record(null::users.audit_log, ?::json)",
                    saved.get(1));
            Sql.update(c, "insert into users.audit_seal"
                    + " select * from json_populate_record(null::users.audit_seal, ?::json)", saved.get(0));
        });

        attack("two entries swapped", seq, "altered", c -> swap(c, seq), c -> swap(c, seq));

        List<String> tail = new ArrayList<>();
        long last = seq + 4;
        attack("the tail cut off", last - 1, "ends before", c -> {
            List<Long> entries = new ArrayList<>();
            for (long s = last - 1; s <= last; s++) {
                entries.add(entryAt(c, s));
                tail.add(Sql.strings(c, "select row_to_json(s)::text from users.audit_seal s where seq = ?", s).get(0));
                tail.add(Sql.strings(c, "select row_to_json(a)::text from users.audit_log a where entry_id = ?",
                        entryAt(c, s)).get(0));
            }
            Sql.update(c, "delete from users.audit_seal where seq >= ?", last - 1);
            for (long entry : entries) {
                Sql.update(c, "delete from users.audit_log where entry_id = ?", entry);
            }
        }, c -> {
            for (int i = 0; i < tail.size(); i += 2) {
                Sql.update(c, "insert into users.audit_log"
                        + " select * from json_populate_record(null::users.audit_log, ?::json)", tail.get(i + 1));
                Sql.update(c, "insert into users.audit_seal"
                        + " select * from json_populate_record(null::users.audit_seal, ?::json)", tail.get(i));
            }
        });

        attack("an entry's transaction id changed", seq, "altered", c -> Sql.update(c,
                "update users.audit_log set txid = (txid::text::bigint + 1)::text::xid8 where entry_id = ?",
                entryAt(c, seq)),
                c -> Sql.update(c, "update users.audit_log a set txid = s.txid from users.audit_seal s"
                        + " where s.entry_id = a.entry_id and s.seq = ?", seq));

        attack("the sealer's cursor moved past what it has not sealed", last, "altered", c -> Sql.update(c,
                "update users.audit_seal set txid = '18446744073709551000' where seq = ?", last),
                c -> Sql.update(c, "update users.audit_seal s set txid = a.txid from users.audit_log a"
                        + " where s.entry_id = a.entry_id and s.seq = ?", last));

        Accounts.teacher("seal-left-behind");
        List<String> hidden = new ArrayList<>();
        attack("entries hidden below the sealed horizon", last, "never sealed", c -> {
            String unsealed = " from users.audit_log a where not exists (select 1 from users.audit_seal s"
                    + " where s.entry_id = a.entry_id)";
            hidden.addAll(Sql.strings(c, "select a.entry_id || ':' || a.txid" + unsealed));
            Sql.update(c, "update users.audit_log set txid = '3' where entry_id in (select a.entry_id"
                    + unsealed + ")");
        }, c -> {
            for (String h : hidden) {
                String[] parts = h.split(":");
                Sql.update(c, "update users.audit_log set txid = ?::xid8 where entry_id = ?", parts[1],
                        Long.parseLong(parts[0]));
            }
        });
        seal(() -> trail.sealNow());

        asOwner(c -> Sql.update(c, "insert into users.audit_checkpoint (seq, hash, key_id, mac)"
                + " values (?, sha256('x'), 'run1', sha256('y'))", last + 1000));
        try {
            JsonPath planted = verify(false);
            assertEquals(true, planted.getBoolean("valid"), "a checkpoint that does not verify proves nothing: "
                    + planted.prettify());
            assertEquals(1, planted.getLong("ignoredCheckpoints"));
        } finally {
            asOwner(c -> Sql.update(c, "delete from users.audit_checkpoint where seq = ?", last + 1000));
        }

        JsonPath after = verify(true);
        assertEquals(true, after.getBoolean("valid"), "every attack undone: " + after.prettify());
    }

    @Test
    void aRotatedKeyKeepsTheSealsOfTheOldOneVerifiable() throws Exception {
        Accounts.teacher("seal-old-key");
        seal(() -> trail.seal(SealKeys.fromSpec(TestDatabase.SEAL_KEYS, TestDatabase.RETIRED_SEAL_KEY), true));
        Accounts.teacher("seal-new-key");
        seal(() -> trail.sealNow());
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            List<String> keys = Sql.strings(c, "select key_id from users.audit_seal"
                    + " where seq >= (select max(seq) from users.audit_seal where key_id = ?) order by seq",
                    TestDatabase.RETIRED_SEAL_KEY);
            assertEquals(TestDatabase.RETIRED_SEAL_KEY, keys.get(0));
            assertEquals(TestDatabase.ACTIVE_SEAL_KEY, keys.get(keys.size() - 1));
        }
        JsonPath full = verify(true);
        assertEquals(true, full.getBoolean("valid"), full.prettify());
    }

    @Test
    void sixteenWritersAndALateCommitInTheMiddleMakeOneGapFreeChain() throws Exception {
        seal(() -> trail.sealNow());
        try (Connection late = TestDatabase.get().connectAsAdmin();
                Connection c = TestDatabase.get().connectAsAdmin()) {
            late.setAutoCommit(false);
            loginEvent(late, "late");
            String lateTxid = Sql.strings(late, "select pg_current_xact_id()::text").get(0);

            ExecutorService writers = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                done.add(writers.submit(() -> {
                    start.await();
                    try (Connection mine = TestDatabase.get().connectAsAdmin()) {
                        for (int i = 0; i < 10; i++) {
                            loginEvent(mine, "writer");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            writers.shutdown();
            seal(() -> trail.sealNow());
            assertEquals(0, Sql.count(c, "select count(*) from users.audit_log a join users.audit_seal s"
                    + " using (entry_id) where a.txid >= ?::xid8", lateTxid),
                    "nothing is sealed while a transaction that began before it is still open");
            assertEquals(160, Sql.count(c, "select count(*) from users.audit_trail"
                    + " where seq is null and request_id = 'writer'"));

            late.commit();
            seal(() -> trail.sealNow());
            assertEquals(0, Sql.count(c, "select count(*) from users.audit_trail where seq is null"));
            assertEquals(List.of("true"), Sql.strings(c, "select (count(*) = max(seq))::text from users.audit_seal"));
            assertEquals(List.of("true"), Sql.strings(c, "select bool_and(ordered)::text from (select"
                    + " (a.txid, a.entry_id) > lag((a.txid, a.entry_id)) over (order by s.seq) is not false as ordered"
                    + " from users.audit_seal s join users.audit_log a using (entry_id)) o"),
                    "the chain runs in the order of transaction ids");
            long lateSeq = Sql.count(c, "select s.seq from users.audit_seal s join users.audit_log a using (entry_id)"
                    + " where a.request_id = 'late'");
            assertTrue(Sql.count(c, "select count(*) from users.audit_seal s join users.audit_log a using (entry_id)"
                    + " where a.request_id = 'writer' and s.seq > ?", lateSeq) == 160,
                    "the late transaction began first, so it comes first, though it committed last");
        }
        JsonPath full = verify(true);
        assertEquals(true, full.getBoolean("valid"), full.prettify());
    }

    @Test
    void theHeadIsPublishedForAnOutsideAnchor() {
        Accounts.teacher("seal-head");
        seal(() -> trail.sealNow());
        given().auth().oauth2(admin()).get("/internal/audit-head")
                .then().statusCode(200).body("seq", greaterThan(0)).body("hash", org.hamcrest.Matchers.matchesPattern(
                        "[0-9a-f]{64}"))
                .body("keyId", equalTo(TestDatabase.ACTIVE_SEAL_KEY)).body("unsealed", equalTo(0))
                .body("oldestUnsealedAt", nullValue());
        given().auth().oauth2(Accounts.teacher("seal-head-teacher").token()).get("/internal/audit-head")
                .then().statusCode(403);
        given().get("/internal/audit-head").then().statusCode(401);
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    /** Commits an attack as the owner, expects a full verification to point at it, then undoes it. */
    private void attack(String what, long at, String problem, Work attack, Work undo) throws SQLException {
        asOwner(attack);
        try {
            given().auth().oauth2(admin()).queryParam("full", true).get("/api/v1/users/audit-chain")
                    .then().statusCode(200).body("valid", equalTo(false))
                    .body("firstInvalidSeq", equalTo((int) at)).body("problem", containsString(problem));
        } catch (AssertionError e) {
            throw new AssertionError(what + " was not detected: " + e.getMessage(), e);
        } finally {
            asOwner(undo);
        }
    }

    private static void asOwner(Work work) throws SQLException {
        try (Connection c = TestDatabase.get().connectAsOwner(SCHEMA)) {
            c.setAutoCommit(false);
            for (String table : List.of("audit_log", "audit_seal", "audit_checkpoint")) {
                Sql.update(c, "alter table users." + table + " no force row level security");
            }
            work.run(c);
            for (String table : List.of("audit_log", "audit_seal", "audit_checkpoint")) {
                Sql.update(c, "alter table users." + table + " force row level security");
            }
            c.commit();
        }
    }

    private static long entryAt(Connection c, long seq) throws SQLException {
        return Sql.count(c, "select entry_id from users.audit_seal where seq = ?", seq);
    }

    private static void swap(Connection c, long seq) throws SQLException {
        Sql.update(c, "update users.audit_seal set seq = 900000000000 where seq = ?", seq);
        Sql.update(c, "update users.audit_seal set seq = ? where seq = ?", seq, seq + 1);
        Sql.update(c, "update users.audit_seal set seq = ? where seq = 900000000000", seq + 1);
    }

    /** Runs a sealing round on a Vert.x context, as the scheduler would, and waits for it. */
    private static void seal(Supplier<Uni<Integer>> round) {
        try {
            VertxContextSupport.subscribeAndAwait(round);
        } catch (Throwable e) {
            throw new AssertionError("sealing failed", e);
        }
    }

    /** A sign-in attempt for an unknown email, its audit entry marked with {@code request} as its request id. */
    private static void loginEvent(Connection c, String request) throws SQLException {
        Sql.strings(c, "select set_config('app.request_id', ?, false)", request);
        Sql.update(c, "insert into users.login_events (email_hash, client_ip, outcome)"
                + " values (sha256('x'), '192.0.2.1', 'failure')");
    }

    private static String adminToken;

    /** One admin for the class: every new account would add audit rows of its own. */
    private static synchronized String admin() {
        if (adminToken == null) {
            adminToken = Accounts.admin("seal-verifier").adminToken();
        }
        return adminToken;
    }

    private static JsonPath verify(boolean full) {
        return given().auth().oauth2(admin()).queryParam("full", full).get("/api/v1/users/audit-chain")
                .then().statusCode(200).extract().jsonPath();
    }
}
