package app.faraday.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The policies below the service code, connected as memory-service's own database role: a teacher's
 * transaction reaches only their own unexpired memories; admins and the service role reach none, and the
 * service role acts only through its narrow functions.
 */
@QuarkusTest
class RowLevelSecurityTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Test
    void aTeacherReachesOnlyTheirOwnMemories() throws Exception {
        TestUser a = TestUser.teacher();
        TestUser b = TestUser.teacher();
        long mine = Fixtures.memory(a);
        long theirs = Fixtures.memory(b);
        try (Connection c = TestDatabase.get().connectAsApp("memory")) {
            c.setAutoCommit(false);
            Sql.context(c, a.id(), "teacher");
            assertEquals(List.of(String.valueOf(mine)), Sql.strings(c, "select id from memory.user_memories"
                    + " where id in (?, ?)", mine, theirs));
            assertEquals(0, Sql.count(c, "select count(*) from memory.user_memories where user_id <> ?", a.id()));
            assertEquals(0, Sql.count(c, "select count(*) from memory.memory_interactions where user_id <> ?", a.id()));
            assertEquals(0, Sql.count(c, "select count(*) from memory.memory_stats where user_id <> ?", a.id()));
            assertEquals(0, Sql.count(c, "select count(*) from memory.subject_keys where subject <> ?", a.id()));
            assertEquals(0, Sql.update(c, "update memory.user_memories set importance = 1 where id = ?", theirs));
            assertEquals(0, Sql.update(c, "delete from memory.user_memories where id = ?", theirs));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "insert into memory.user_memories (user_id,"
                    + " assistant_profile_id, content, importance, category, content_key)"
                    + " values (?, 1, 'Forged', 0.5, 'feedback', sha256('x'::bytea))", b.id()));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "insert into memory.memory_interactions"
                    + " (memory_id, user_id, type) values (?, ?, 'used')", theirs, a.id()));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c,
                    "update memory.memory_stats set access_count = 99 where memory_id = ?", mine));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "select memory.memory_forget_user(?)", b.id()));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "select memory.memory_purge_expired(now(), 10)"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "select memory.subject_key_forget(?)", b.id()));
            assertEquals(List.of("false"), Sql.strings(c, "select memory.memory_feedback(?, true, true)::text",
                    theirs));
            // Recall's vectors: another teacher's are invisible and cannot be planted; the queue is the
            // service's, and only the service role takes work from it.
            assertEquals(0, Sql.count(c, "select count(*) from memory.memory_embeddings where user_id <> ?", a.id()));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "insert into memory.memory_embeddings (memory_id,"
                    + " user_id, model, content_key, vector) values (?, ?, 'm', sha256('x'::bytea), '\\x01')",
                    theirs, b.id()));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "insert into memory.memory_embeddings (memory_id,"
                    + " user_id, model, content_key, vector) values (?, ?, 'm', sha256('x'::bytea), '\\x01')",
                    theirs, a.id()));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "select count(*) from memory.memory_embedding_queue"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c,
                    "select * from memory.memory_embedding_claim(10, interval '1 minute')"));
            c.rollback();
        }
    }

    @Test
    void adminsAndTheServiceRoleReadNoMemoryAtAll() throws Exception {
        TestUser owner = TestUser.teacher();
        long id = Fixtures.memory(owner);
        Fixtures.update("update memory.user_memories set expires_at = now() - interval '1 second' where id = ?",
                Fixtures.memory(owner, "Expired already", null));
        try (Connection c = TestDatabase.get().connectAsApp("memory")) {
            c.setAutoCommit(false);
            for (String roles : List.of("admin,teacher", "service")) {
                Sql.context(c, roles.equals("service") ? null : TestUser.admin().id(), roles);
                for (String table : List.of("user_memories", "memory_interactions", "memory_stats")) {
                    assertEquals(0, Sql.count(c, "select count(*) from memory." + table), roles + " " + table);
                }
                // The audit sealer (service) and an admin's reading of the trail read data keys, wrapped by
                // master keys the database never sees; neither can remove or replace one but through
                // subject_key_forget, which leaves a tombstone.
                assertEquals("42501", Sql.failure(c, "delete from memory.subject_keys"), roles);
                assertEquals("42501", Sql.failure(c, "update memory.subject_keys set wrapped = null"), roles);
                assertEquals(0, Sql.update(c, "delete from memory.user_memories where id = ?", id));
                if (roles.equals("service")) {
                    // A new memory's checks need a teacher to check for.
                    assertEquals("42501", Sql.failure(c, "select * from memory.memory_admit(1, sha256('x'::bytea), 10)"));
                }
                c.rollback();
            }
            Sql.context(c, owner.id(), "teacher");
            assertEquals(1, Sql.count(c, "select count(*) from memory.user_memories"), "the expired one is hidden");
            c.rollback();
            assertEquals(0, Sql.count(c, "select count(*) from memory.user_memories"), "no context, no rows");
            assertEquals(List.of("falsefalse"), Sql.strings(c, "select rolbypassrls::text || rolsuper::text"
                    + " from pg_roles where rolname = current_user"));
            assertEquals(List.of("true"), Sql.strings(c, "select bool_and(relrowsecurity and relforcerowsecurity)::text"
                    + " from pg_class where relnamespace = 'memory'::regnamespace and relkind = 'r'"
                    + " and relname <> 'flyway_schema_history'"));
            assertEquals(0, Sql.count(c, "select count(*) from pg_class"
                    + " where relowner = (select oid from pg_roles where rolname = current_user)"));
        }
    }
}
