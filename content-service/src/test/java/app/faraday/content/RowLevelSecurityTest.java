package app.faraday.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The policies below the service code: connected as content-service's own database role, queries
 * without a WHERE clause see only own and published lessons, and write only own ones.
 */
@QuarkusTest
class RowLevelSecurityTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Test
    void aTeacherSeesOwnAndPublishedLessonsOnly() throws Exception {
        TestUser admin = TestUser.admin();
        TestUser a = TestUser.teacher();
        TestUser b = TestUser.teacher();
        int category = Fixtures.category(admin);
        int aDraft = Fixtures.lesson(a, category);
        int bDraft = Fixtures.lesson(b, category);
        int bPublished = Fixtures.lesson(b, category);
        Fixtures.publish(b, bPublished);
        try (Connection c = TestDatabase.get().connectAsApp("content")) {
            c.setAutoCommit(false);
            Sql.context(c, a.id(), "teacher");
            assertEquals(List.of(String.valueOf(aDraft), String.valueOf(bPublished)),
                    Sql.strings(c, "select id from content.lessons"
                            + " where subject_category_id = ? order by id", category));
            assertEquals(0, Sql.count(c,
                    "select count(*) from content.lessons where status <> 'published' and user_id <> ?", a.id()));
            assertEquals(0, Sql.update(c,
                    "update content.lessons set title = 'Hijacked' where id in (?, ?)", bDraft, bPublished));
            assertEquals(0, Sql.update(c, "delete from content.lessons where id = ?", bPublished));
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c, "insert into content.lessons"
                    + " (user_id, subject_category_id,"
                    + " title, grade_level, week, school_year, content_area)"
                    + " values (?, ?, 'Forged', 'K', 1, '2026-2027', 'x')",
                    b.id(), category));
            assertEquals(0, Sql.count(c, "select count(*) from content.lesson_versions"
                    + " where lesson_id = ?", bPublished),
                    "another teacher's history stays hidden, even of a published lesson");
            assertEquals(INSUFFICIENT_PRIVILEGE, Sql.failure(c,
                    "insert into content.subject_categories (name) values ('Forged')"));
            c.rollback();

            assertEquals(0, Sql.count(c, "select count(*) from content.lessons"), "no context, no rows");
            assertEquals(0, Sql.count(c, "select count(*) from content.subject_categories"));
        }
    }

    @Test
    void ownershipAndVersionsAreTheDatabases() throws Exception {
        TestUser admin = TestUser.admin();
        TestUser a = TestUser.teacher();
        TestUser b = TestUser.teacher();
        int lesson = Fixtures.lesson(a, Fixtures.category(admin));
        try (Connection c = TestDatabase.get().connectAsApp("content")) {
            c.setAutoCommit(false);
            Sql.context(c, a.id(), "teacher");
            Sql.update(c, "update content.lessons set user_id = ? where id = ?", b.id(), lesson);
            assertEquals(List.of(a.id().toString()), Sql.strings(c, "select user_id from content.lessons"
                    + " where id = ?", lesson),
                    "the owner column cannot be changed");
            Sql.update(c, "update content.lessons set version = 99, title = 'Direct' where id = ?", lesson);
            assertEquals(List.of("2"), Sql.strings(c, "select version from content.lessons where id = ?", lesson),
                    "the version is raised by one, whatever the statement says");
            assertEquals("FA409", Sql.failure(c,
                    "update content.lessons set status = 'archived' where id = ?", lesson));
            c.rollback();
            List<String> flags = Sql.strings(c, "select rolbypassrls::text || rolsuper::text from pg_roles"
                    + " where rolname = current_user");
            assertEquals(List.of("falsefalse"), flags);
            assertEquals(List.of("true"), Sql.strings(c, "select bool_and(relrowsecurity and relforcerowsecurity)::text"
                    + " from pg_class"
                    + " where relnamespace = 'content'::regnamespace and relkind = 'r'"
                    + " and relname <> 'flyway_schema_history'"));
            assertTrue(Sql.count(c, "select count(*) from pg_class"
                    + " where relowner = (select oid from pg_roles where rolname = current_user)") == 0);
        }
    }
}
