-- Lists and their counts read indexes, not the table, however many lessons match. Each filter's index
-- orders its lessons newest first, so that a page of a narrow filter (grade 4, week 12: one lesson in
-- 700) is the index's first 20 entries, not a walk through every lesson newest first; and each carries
-- the two columns row-level security reads (user_id, status), so that counting a page's total up to
-- 1,001 is an index-only scan (measured on 1,000,000 lessons: bench/results/*-lessons-1000000.md).
drop index lessons_updated_idx;
create index lessons_updated_idx on lessons (updated_at desc, id desc) include (user_id, status);
drop index lessons_category_idx;
create index lessons_category_idx on lessons (subject_category_id, updated_at desc, id desc) include (user_id, status);
drop index lessons_grade_week_idx;
create index lessons_grade_week_idx on lessons (grade_level, week, updated_at desc, id desc) include (user_id, status);
drop index lessons_week_idx;
create index lessons_week_idx on lessons (week, updated_at desc, id desc) include (user_id, status);
-- lessons_visibility_idx (status, user_id) answers every lookup by status, and one index fewer is one
-- write fewer per insert.
drop index lessons_status_idx;
