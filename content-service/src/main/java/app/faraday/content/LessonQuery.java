package app.faraday.content;

import java.util.ArrayList;
import java.util.List;

import app.faraday.kit.security.Caller;

/**
 * The SQL of a lesson search. Row-level security adds "own or published" to every statement, so the
 * filters here are only what the caller asked for; each has an index (V2__lessons.sql).
 */
record LessonQuery(String where, String order, List<Object> parameters) {

    static final int COUNT_CAP = 10_000;

    static final String COLUMNS = "l.id, l.user_id, l.subject_category_id, l.assistant_profile_id, l.title, l.content,"
            + " l.grade_level, l.week, l.school_year, l.content_area, l.lesson_data, l.status, l.version, l.created_at,"
            + " l.updated_at, l.updated_by";

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
        String order = "l.updated_at desc, l.id desc";
        if (f.q() != null && !f.q().isBlank()) {
            parameters.add(f.q().strip());
            int q = parameters.size();
            conditions.add("l.search @@ websearch_to_tsquery('english', ?" + q + ")");
            order = "ts_rank(l.search, websearch_to_tsquery('english', ?" + q + ")) desc, " + order;
        }
        return new LessonQuery(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions),
                order, parameters);
    }

    String select() {
        return "select " + COLUMNS + " from content.lessons l" + where + " order by " + order;
    }

    /**
     * Counts matches up to {@link #COUNT_CAP} + 1: enough for "1-20 of 4,213", and bounded however many
     * lessons a district has. Without a filter it walks the newest-first index, as the page does.
     */
    String count() {
        return "select count(*) from (select 1 from content.lessons l" + where
                + (where.isEmpty() ? " order by l.updated_at desc, l.id desc" : "")
                + " limit " + (COUNT_CAP + 1) + ") matches";
    }
}
