package app.faraday.content;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import app.faraday.kit.security.Caller;
import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestUser;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;

/**
 * On 100,000 lessons (500 teachers, most lessons published), the statements the API runs for listing
 * and searching use indexes: none reads the whole table, and none handles more rows than its bound, even
 * for a word that every lesson contains (counts stop at 1,001, a search ranks 200 candidates). Runs the service's own SQL (LessonQuery) as
 * the service's role under a teacher's row-level security context, inside a transaction that is rolled
 * back, and logs each plan with its timing (EXPLAIN ANALYZE) for the benchmark notes.
 */
@QuarkusTest
class QueryPlanTest {

    private static final int LESSONS = 100_000;

    @Test
    void listingAndSearchUseIndexesOnAHundredThousandLessons() throws Exception {
        int category = Fixtures.category(TestUser.admin());
        try (Connection c = TestDatabase.get().connectAsAdmin(); Statement st = c.createStatement()) {
            try {
                measure(c, st, category);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
                st.execute("set session_replication_role = replica");
                st.execute("delete from content.lessons where subject_category_id = " + category);
                st.execute("set session_replication_role = origin");
                st.execute("vacuum analyze content.lessons");
            }
        }
    }

    private static void measure(Connection c, Statement st, int category) throws Exception {
        {
            // A fixture, not a scenario: row triggers (audit, versions) are skipped for the bulk insert, which
            // is committed and vacuumed as a table in service would be (autovacuum), then removed again.
            st.execute("set session_replication_role = replica");
            st.execute("""
                    insert into content.lessons (user_id, subject_category_id, title, content, grade_level, week,
                        school_year, content_area, lesson_data, status, version, updated_at)
                    select uuid_in(md5('teacher-' || (i %% 500))::cstring), %d,
                        'Lesson ' || i || ' '
                            || (array['dribbling','passing','relay','balance','volleyball','yoga','cardio',
                                'tag'])[1 + i %% 8]
                            || ' drill' || (i * 7919 %% 997),
                        'Students practise '
                            || (array['throwing','catching','jumping','running','stretching','teamwork'])[1 + i %% 6]
                            || ' with ' || (array['cones','hoops','bean bags','jump ropes','balls'])[1 + i %% 5] || '.',
                        (array['K','1','2','3','4','5','6','7','8','9','10','11','12'])[1 + i %% 13], 1 + i %% 53,
                        '2026-2027',
                        'Fitness', jsonb_build_object('objectives', jsonb_build_array('Objective ' || i),
                            'activities', jsonb_build_array(jsonb_build_object('name', 'Warm-up', 'minutes', 10))),
                        (array['published','published','published','published','published','published',
                            'draft','draft','review','archived'])[1 + i %% 10],
                        1, now() - (i || ' minutes')::interval
                    from generate_series(1, %d) i
                    """.formatted(category, LESSONS));
            st.execute("set session_replication_role = origin");
            st.execute("vacuum analyze content.lessons");
            UUID teacher = UUID.fromString(Sql.strings(c, "select uuid_in(md5('teacher-7')::cstring)::text").get(0));
            c.setAutoCommit(false);
            st.execute("set local role " + TestDatabase.get().bootstrap("content").appRole());
            Sql.context(c, teacher, "teacher");
            Caller caller = Caller.of(teacher, java.util.Set.of(Caller.TEACHER), "plan");

            List<String> plans = new ArrayList<>();
            plans.add(plan(st, "list, newest first", query(caller, null, null, null, null), 0));
            plans.add(plan(st, "list, page 50", query(caller, null, null, null, null), 50 * 20));
            plans.add(plan(st, "grade 4, week 12", query(caller, "4", 12, null, null), 0));
            plans.add(plan(st, "own drafts", query(caller, null, null, "draft", null), 0));
            plans.add(plan(st, "search 'drill42'", query(caller, null, null, null, "drill42"), 0));
            plans.add(plan(st, "search 'relay drill7' + grade", query(caller, "5", null, null, "relay drill7"), 0));
            plans.add(plan(st, "search 'warm' (in every lesson)", query(caller, null, null, null, "warm"), 0));
            plans.add(plan(st, "search 'dribbling' (1 in 8), page 5", query(caller, null, null, null, "dribbling"),
                    5 * 20));
            plans.add(plan(st, "grade 4", query(caller, "4", null, null, null), 0));
            for (String plan : plans) {
                assertFalse(plan.contains("Seq Scan on lessons"), plan);
                // A twentieth of the table: what a search of a word in one lesson of eight visits to find its 200
                // candidates newest first, where ranking every match would handle 7,500 rows, and 60,000 for "warm".
                assertTrue(largestRowCount(plan) <= 5_000, plan);
            }
        }
    }

    private static LessonQuery query(Caller caller, String grade, Integer week, String status, String q) {
        return LessonQuery.of(new LessonService.Filters(grade, week, status, null, q), caller);
    }

    /** EXPLAIN ANALYZE of the statements the service sends for one page of 20. */
    private static String plan(Statement st, String label, LessonQuery query, int offset) throws Exception {
        StringBuilder out = new StringBuilder("== " + label + " ==\n");
        List<String> statements = query.search()
                ? List.of(query.search(offset, 20) + " limit 20 offset " + offset)
                : List.of(query.list() + " limit 20 offset " + offset, query.count());
        for (String sql : statements) {
            try (ResultSet rs = st.executeQuery("explain (analyze, buffers off, costs off) "
                    + inline(sql, query.parameters()))) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
        }
        Log.info(out);
        return out.toString();
    }

    /** The most rows any plan node produced or filtered out: what a statement's work grows with. */
    private static long largestRowCount(String plan) {
        Matcher m = Pattern.compile("(?:rows=|Rows Removed by Filter: )(\\d+)").matcher(plan);
        long largest = 0;
        while (m.find()) {
            largest = Math.max(largest, Long.parseLong(m.group(1)));
        }
        return largest;
    }

    private static String inline(String sql, List<Object> parameters) {
        Matcher m = Pattern.compile("\\?(\\d+)").matcher(sql);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object value = parameters.get(Integer.parseInt(m.group(1)) - 1);
            m.appendReplacement(sb, Matcher.quoteReplacement(value instanceof Number ? value.toString()
                    : "'" + value.toString().replace("'", "''") + "'"));
        }
        return m.appendTail(sb).toString();
    }
}
