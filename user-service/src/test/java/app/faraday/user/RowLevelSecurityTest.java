package app.faraday.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Proves the policies below the service code: connected as the service's own database role,
 * unfiltered queries only ever see what the transaction's context allows.
 */
@QuarkusTest
class RowLevelSecurityTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Test
    void aTeacherContextSeesExactlyItsOwnRow() throws Exception {
        Accounts.Account a = Accounts.teacher("rls-a");
        Accounts.teacher("rls-b");
        try (Connection c = TestDatabase.get().connectAsApp(UsersDatabase.SCHEMA)) {
            c.setAutoCommit(false);
            Sql.context(c, a.id(), "teacher");
            assertEquals(List.of(a.id().toString()), Sql.strings(c, "select id from users.users"));
            assertEquals(List.of(a.id().toString()), Sql.strings(c, "select user_id from users.user_preferences"));
            c.rollback();
        }
    }

    @Test
    void noContextSeesNothing() throws Exception {
        Accounts.teacher("rls-none");
        try (Connection c = TestDatabase.get().connectAsApp(UsersDatabase.SCHEMA)) {
            assertEquals(0, Sql.count(c, "select count(*) from users.users"));
            assertEquals(0, Sql.count(c, "select count(*) from users.user_preferences"));
        }
    }

    @Test
    void anAdminContextSeesEveryone() throws Exception {
        Accounts.teacher("rls-admin-1");
        Accounts.teacher("rls-admin-2");
        try (Connection admin = TestDatabase.get().connectAsAdmin();
                Connection c = TestDatabase.get().connectAsApp(UsersDatabase.SCHEMA)) {
            long all = Sql.count(admin, "select count(*) from users.users");
            c.setAutoCommit(false);
            Sql.context(c, null, "admin");
            assertEquals(all, Sql.count(c, "select count(*) from users.users"));
            c.rollback();
        }
    }

    @Test
    void aTeacherCannotTouchAnotherTeachersRows() throws Exception {
        Accounts.Account a = Accounts.teacher("rls-write-a");
        Accounts.Account b = Accounts.teacher("rls-write-b");
        try (Connection c = TestDatabase.get().connectAsApp(UsersDatabase.SCHEMA)) {
            c.setAutoCommit(false);
            Sql.context(c, a.id(), "teacher");
            assertEquals(0, Sql.update(c, "update users.users set name = 'Hijacked' where id = ?", b.id()));
            assertEquals(0, Sql.update(c, "delete from users.user_preferences where user_id = ?", b.id()));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c,
                    "insert into users.users (id, email, password_hash, name)"
                            + " values (gen_random_uuid(), 'x@y.z', ?, 'X')",
                    "$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"));
            c.rollback();
        }
    }

    @Test
    void aTeacherCannotGrantThemselvesARoleOrReactivate() throws Exception {
        Accounts.Account a = Accounts.teacher("rls-roles");
        try (Connection c = TestDatabase.get().connectAsApp(UsersDatabase.SCHEMA)) {
            c.setAutoCommit(false);
            Sql.context(c, a.id(), "teacher");
            assertEquals(INSUFFICIENT_PRIVILEGE,
                    Sql.failure(c, "update users.users set roles = array['admin','teacher'] where id = ?", a.id()));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c,
                    "update users.users set active = false where id = ?", a.id()));
            assertNull(Sql.failure(c, "update users.users set name = 'Renamed' where id = ?", a.id()));
            c.rollback();
        }
    }

    @Test
    void theServiceRoleCannotRewriteTheAuditTrailOrBypassPolicies() throws Exception {
        Accounts.teacher("rls-audit");
        try (Connection c = TestDatabase.get().connectAsApp(UsersDatabase.SCHEMA)) {
            c.setAutoCommit(false);
            Sql.context(c, null, "admin");
            assertTrue(Sql.count(c, "select count(*) from users.audit_log") > 0, "admins read the audit trail");
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "update users.audit_log set actor = null"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "delete from users.audit_log"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c,
                    "insert into users.audit_log (entry_id, at, table_name, op, changes)"
                            + " values (-1, now(), 'x', 'INSERT', '{}')"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "update users.audit_seal set key_id = 'x'"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "delete from users.audit_seal"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "delete from users.audit_checkpoint"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "insert into users.audit_seal (seq, entry_id, key_id,"
                    + " hash) select coalesce(max(seq), 0) + 1, max(entry_id), 'x', sha256('') from users.audit_trail"),
                    "only the service's sealer appends seals, not an admin's request");
            c.rollback();
            Sql.context(c, null, "service");
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "update users.audit_seal set key_id = 'x'"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "truncate users.audit_seal"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "update users.audit_log set actor = null"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "alter table users.users disable row level security"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "set row_security = off; select * from users.users"));
            c.rollback();
            List<String> flags = Sql.strings(c, "select rolbypassrls::text || rolsuper::text from pg_roles"
                    + " where rolname = current_user");
            assertEquals(List.of("falsefalse"), flags);
            assertEquals(0, Sql.count(c, "select count(*) from pg_class"
                    + " where relowner = (select oid from pg_roles where rolname = current_user)"),
                    "the service's role owns nothing");
            assertEquals(List.of(TestDatabase.get().bootstrap(UsersDatabase.SCHEMA).ownerRole()),
                    Sql.strings(c, "select distinct tableowner from pg_tables where schemaname = 'users'"));
            assertEquals(List.of("true"), Sql.strings(c, "select bool_and(relrowsecurity and relforcerowsecurity)::text"
                    + " from pg_class"
                    + " where relnamespace = 'users'::regnamespace and relkind = 'r'"
                    + " and relname <> 'flyway_schema_history'"));
            // Flyway's own bookkeeping has no row security: the service's role only reads it, to check at start
            // that the schema is at its build's version.
            assertEquals(List.of("false"), Sql.strings(c,
                    "select has_table_privilege(current_user, 'users.flyway_schema_history',"
                            + " 'insert,update,delete,truncate')::text"));
        }
    }

    @Test
    void aTeacherContextCannotReadTheAuditTrail() throws Exception {
        Accounts.Account a = Accounts.teacher("rls-audit-read");
        try (Connection c = TestDatabase.get().connectAsApp(UsersDatabase.SCHEMA)) {
            c.setAutoCommit(false);
            Sql.context(c, a.id(), "teacher");
            assertEquals(0, Sql.count(c, "select count(*) from users.audit_log"));
            assertEquals(0, Sql.count(c, "select count(*) from users.audit_seal"));
            assertEquals(0, Sql.count(c, "select count(*) from users.audit_trail"));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "insert into users.audit_checkpoint"
                    + " (seq, hash, key_id, mac) values (1, sha256(''), 'x', sha256(''))"));
            c.rollback();
        }
    }
}
