package app.faraday.content;

import java.util.ArrayList;
import java.util.List;

import app.faraday.kit.security.Caller;

/**
 * The SQL of a lesson list or search. Row-level security adds "own or published" to every statement, so
 * the filters here are only what the caller asked for; each has an index (V2__lessons.sql, V4).
 *
 * <p>Every statement's work is bounded, however many lessons match (docs/content.md, "Search and lists"):
 * a list's count stops at {@link #COUNT_CAP} + 1, and a search ranks only the {@link #RANK_WINDOW} newest
 * matches, found newest first, so that a word in every lesson costs what a rare one does.
 */
record LessonQuery(String where, List<Object> parameters, boolean search) {

    /** Lists count their matches up to this many; beyond it, {@code totalExact} is false. */
    static final int COUNT_CAP = 1_000;
    /** A search ranks this many of its newest matches by relevance; the rest follow newest first. */
    static final int RANK_WINDOW = 200;

    static final String COLUMNS = "l.id, l.user_id, l.subject_category_id, l.assistant_profile_id, l.title, l.content,"
            + " l.grade_level, l.week, l.school_year, l.content_area, l.lesson_data, l.status, l.version, l.created_at,"
            + " l.updated_at, l.updated_by";
    private static final String NEWEST_FIRST = " order by l.updated_at desc, l.id desc";
    private static final String QUERY = "websearch_to_tsquery('english', ?%d)";

    static LessonQuery of(LessonService.Filters f, Caller caller) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (f.status() != null && !f.status().equals("published") && !caller.isAdmin() && caller.userId() != null) {
            // Only own lessons can be unpublished for a teacher (RLS says so too); saying it here lets the
            // planner use the owner's index instead of filtering everyone's drafts.
            parameters.add(caller.userId());
            conditions.add("l.user_id = ?" + parameters.size());
        }
        if (f.gradeLevel() != null) {
            parameters.add(f.gradeLevel());
            conditions.add("l.grade_level = ?" + parameters.size());
        }
        if (f.week() != null) {
            parameters.add(f.week());
            conditions.add("l.week = ?" + parameters.size());
        }
        if (f.status() != null) {
            parameters.add(f.status());
            conditions.add("l.status = ?" + parameters.size());
        }
        if (f.subjectCategoryId() != null) {
            parameters.add(f.subjectCategoryId());
            conditions.add("l.subject_category_id = ?" + parameters.size());
        }
        boolean search = f.q() != null && !f.q().isBlank();
        if (search) {
            parameters.add(f.q().strip());
            conditions.add("l.search @@ " + QUERY.formatted(parameters.size()));
        }
        return new LessonQuery(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions),
                parameters, search);
    }

    /** A list's page, newest change first (offset and limit are the caller's to add). */
    String list() {
        return "select " + COLUMNS + " from content.lessons l" + where + NEWEST_FIRST;
    }

    /**
     * Counts a list's matches up to {@link #COUNT_CAP} + 1: enough for "1-20 of 432" and bounded however many
     * lessons a district has. Every filter's index carries the columns row-level security reads, so this is an
     * index-only scan; without a filter it walks the newest-first index, as the page does.
     */
    String count() {
        return "select count(*) from (select 1 from content.lessons l" + where
                + (where.isEmpty() ? NEWEST_FIRST : "") + " limit " + (COUNT_CAP + 1) + ") matches";
    }

    /**
     * A search's page, with one more column: how many matches the candidate set holds. The candidates are the
     * newest matches, as many as the page needs and at least {@link #RANK_WINDOW} + 1 (so the total can say
     * "more than 200"); the planner finds them by walking the newest-first index when the words are common, or
     * from the GIN index when they are rare. The first {@link #RANK_WINDOW} are ordered by rank, the rest newest
     * first, so that pages never overlap.
     */
    String search(int offset, int size) {
        String query = QUERY.formatted(parameters.size());
        return "select " + COLUMNS.replace("l.", "c.") + ", c.candidates from ("
                + "select l.*, count(*) over () as candidates,"
                + " row_number() over (order by l.updated_at desc, l.id desc) as recency from ("
                + "select " + COLUMNS + ", l.search from content.lessons l" + where + NEWEST_FIRST
                + " limit " + candidates(offset, size) + ") l) c"
                + " order by case when c.recency <= " + RANK_WINDOW + " then ts_rank(c.search, " + query + ") end"
                + " desc nulls last, c.updated_at desc, c.id desc";
    }

    /** Counts a search's candidates the way {@link #search} finds them: for a page past the last match. */
    String searchCount(int offset, int size) {
        return "select count(*) from (select 1 from content.lessons l" + where + NEWEST_FIRST
                + " limit " + candidates(offset, size) + ") matches";
    }

    private static int candidates(int offset, int size) {
        return Math.max(RANK_WINDOW, offset + size) + 1;
    }
}
