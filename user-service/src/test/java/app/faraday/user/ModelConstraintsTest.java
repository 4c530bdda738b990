package app.faraday.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/** The database itself says what the data means, whatever code writes it. */
@QuarkusTest
class ModelConstraintsTest {

    private static final String CHECK = "23514";
    private static final String UNIQUE = "23505";
    private static final String HASH = "$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234";

    private static String insertUser(Connection c, String email, String extraColumn,
            String extraValue) throws Exception {
        String columns = "id, email, password_hash, name" + (extraColumn == null ? "" : ", " + extraColumn);
        String values = "?, ?, ?, 'Model Test'" + (extraColumn == null ? "" : ", " + extraValue);
        return Sql.failure(c, "insert into users.users (" + columns + ") values (" + values + ")",
                UUID.randomUUID(), email, HASH);
    }

    private static Connection adminContext() throws Exception {
        Connection c = TestDatabase.get().connectAsApp(UsersDatabase.SCHEMA);
        c.setAutoCommit(false);
        Sql.context(c, null, "admin");
        return c;
    }

    @Test
    void gradeLevelsAreKThroughTwelve() throws Exception {
        try (Connection c = adminContext()) {
            assertNull(insertUser(c, Accounts.email("grades-ok"), "grade_levels", "array['K','5','12']"));
            assertEquals(CHECK, insertUser(c, Accounts.email("grades-13"), "grade_levels", "array['13']"));
            assertEquals(CHECK, insertUser(c, Accounts.email("grades-k"), "grade_levels", "array['k']"));
            c.rollback();
        }
    }

    @Test
    void rolesAreTeacherOrAdminAndNeverEmpty() throws Exception {
        try (Connection c = adminContext()) {
            assertEquals(CHECK, insertUser(c, Accounts.email("roles-root"), "roles", "array['root']"));
            assertEquals(CHECK, insertUser(c, Accounts.email("roles-empty"), "roles", "array[]::text[]"));
            c.rollback();
        }
    }

    @Test
    void emailsAreUniqueRegardlessOfCase() throws Exception {
        String email = Accounts.email("unique");
        try (Connection c = adminContext()) {
            assertNull(insertUser(c, email, null, null));
            assertEquals(UNIQUE, insertUser(c, email.toUpperCase(), null, null));
            c.rollback();
        }
    }

    @Test
    void onlyBcryptHashesAreStored() throws Exception {
        try (Connection c = adminContext()) {
            assertEquals(CHECK, Sql.failure(c, "insert into users.users (id, email, password_hash, name)"
                    + " values (?, ?, 'plaintext', 'X')",
                    UUID.randomUUID(), Accounts.email("plain")));
            c.rollback();
        }
    }

    @Test
    void preferencesAcceptOnlyKnownThemesAndObjects() throws Exception {
        Accounts.Account a = Accounts.teacher("prefs-model");
        try (Connection c = adminContext()) {
            assertEquals(CHECK, Sql.failure(c,
                    "update users.user_preferences set theme = 'blue' where user_id = ?", a.id()));
            assertEquals(CHECK, Sql.failure(c,
                    "update users.user_preferences set notifications = '[]' where user_id = ?", a.id()));
            assertEquals(CHECK, Sql.failure(c,
                    "update users.user_preferences set language = 'not a tag!' where user_id = ?", a.id()));
            c.rollback();
        }
    }

    @Test
    void deletingAUserDeletesTheirPreferences() throws Exception {
        Accounts.Account a = Accounts.teacher("cascade");
        try (Connection c = adminContext()) {
            assertEquals(1, Sql.count(c, "select count(*) from users.user_preferences where user_id = ?", a.id()));
            assertEquals(1, Sql.update(c, "delete from users.users where id = ?", a.id()));
            assertEquals(0, Sql.count(c, "select count(*) from users.user_preferences where user_id = ?", a.id()));
            c.rollback();
        }
    }
}
