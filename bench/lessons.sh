#!/usr/bin/env bash
# How the cost of lesson lists and searches grows: starts the local stack, adds BENCH_LESSONS lessons
# (default 100,000; BENCH_LESSONS=1000000 for the million) straight into its database, a twenty-fifth of
# them the demo teacher's own (half of those drafts), with words that match every lesson, one in 8, one
# in 40 and one in a thousand; measures each list and search direct to content-service with one
# connection (so latency is the server's), writes the EXPLAIN ANALYZE plans of the statements beside the
# figures, then removes the lessons again. See bench/README.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-5}
LESSONS=${BENCH_LESSONS:-100000}
GATEWAY=http://127.0.0.1:${FARADAY_PORT:-8080}
SERVICE=http://127.0.0.1:${FARADAY_CONTENT_SERVICE_PORT:-8082}
DB_PORT=${FARADAY_DB_PORT:-15432}
RESULTS_DIR=${BENCH_RESULTS_DIR:-$BENCH_DIR/results}

say() { printf '\n== %s  [%s]\n' "$*" "$(date +%T)"; }
die() { echo "bench: $*" >&2; exit 1; }
# shellcheck source=bench/stack.sh
. "$BENCH_DIR/stack.sh"
command -v wrk >/dev/null || die "wrk is missing (sudo apt-get install wrk)"
command -v psql >/dev/null || die "psql is missing (sudo apt-get install postgresql-client)"
[[ -z ${FARADAY_DB_URL:-} ]] || die "runs against the embedded database only"

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/faraday-lessonbench.XXXXXX")
LAUNCHER=""
PSQL=(psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d faraday -v ON_ERROR_STOP=1 -q)
cleanup() {
  if [[ -n $LAUNCHER ]] && kill -0 "$LAUNCHER" 2>/dev/null; then
    "${PSQL[@]}" \
      -c "set session_replication_role = replica; delete from content.lessons where content_area = 'Bench';" \
      -c "set session_replication_role = origin; vacuum analyze content.lessons;" >/dev/null 2>&1 || true
    kill -TERM "$LAUNCHER" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$LAUNCHER" 2>/dev/null || break; sleep 1; done
  fi
}
trap cleanup EXIT INT TERM

say "starting the local stack (rate limit raised so that it never refuses)"
start_stack FARADAY_RATE_LIMIT_DEFAULT_QUOTA=10000000 FARADAY_RATE_LIMIT_DEFAULT_WINDOW=PT10000S
PASSWORD=$(demo_password)
TOKEN=$(curl -fs -X POST "$GATEWAY/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"maria.lopez@springfield.edu\",\"password\":\"$PASSWORD\"}" \
  | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
OWNER=$(curl -fs "$GATEWAY/api/v1/users/me" -H "Authorization: Bearer $TOKEN" | sed -E 's/.*"id":"([^"]+)".*/\1/')

say "adding $LESSONS lessons (row triggers off for the bulk insert, then vacuum analyze)"
# Every lesson has "warm" (its warm-up activity); one in 8 "dribbling" in its title, one in 40 "dribbling"
# and "cones"; one in 997 "drill42". Lesson i changed i seconds ago; one in 25 is the demo teacher's.
"${PSQL[@]}" -v owner="$OWNER" -v n="$LESSONS" <<'SQL'
set session_replication_role = replica;
insert into content.lessons (user_id, subject_category_id, title, content, grade_level, week, school_year,
    content_area, lesson_data, status, version, updated_at)
select case when i % 25 = 1 then :'owner'::uuid else uuid_in(md5('bench-teacher-' || (i % 10000))::cstring) end,
    (select min(id) from content.subject_categories),
    'Lesson ' || i || ' '
        || (array['dribbling','passing','relay','balance','volleyball','yoga','cardio','tag'])[1 + i % 8]
        || ' drill' || (i::bigint * 7919 % 997),
    'Students practise ' || (array['throwing','catching','jumping','running','stretching','teamwork'])[1 + i % 6]
        || ' with ' || (array['cones','hoops','bean bags','jump ropes','balls'])[1 + i % 5] || '.',
    (array['K','1','2','3','4','5','6','7','8','9','10','11','12'])[1 + i % 13], 1 + i % 53, '2026-2027', 'Bench',
    jsonb_build_object('objectives', jsonb_build_array('Objective ' || i),
        'activities', jsonb_build_array(jsonb_build_object('name', 'Warm-up', 'minutes', 10))),
    (array['published','published','published','published','published','published',
        'draft','draft','review','archived'])[1 + i % 10],
    1, now() - (i || ' seconds')::interval
from generate_series(1, :n) i;
set session_replication_role = origin;
vacuum analyze content.lessons;
SQL
# A second pass, as autovacuum would make in service: the first cannot mark pages all-visible while a
# background job's transaction that began before the insert committed is still open, and index-only
# counts then visit the table.
sleep 2
"${PSQL[@]}" -c "vacuum content.lessons"
TOTAL=$(curl -fs "$SERVICE/api/v1/lessons?size=1" -H "Authorization: Bearer $TOKEN" \
  | sed -E 's/.*"total":([0-9]+).*/\1/')

QUERIES=("list newest first|/api/v1/lessons" "list page 50|/api/v1/lessons?page=49"
  "grade 4|/api/v1/lessons?gradeLevel=4" "grade 4, week 12|/api/v1/lessons?gradeLevel=4&week=12"
  "own drafts|/api/v1/lessons?status=draft"
  "search 'warm' (every lesson)|/api/v1/lessons?q=warm"
  "search 'dribbling' (1 in 8)|/api/v1/lessons?q=dribbling"
  "search 'dribbling cones' (1 in 40)|/api/v1/lessons?q=dribbling%20cones"
  "search 'dribbling', page 5|/api/v1/lessons?q=dribbling&page=4"
  "search 'drill42' (1 in 997)|/api/v1/lessons?q=drill42"
  "search 'relay drill7' + grade 5|/api/v1/lessons?q=relay%20drill7&gradeLevel=5")
ROWS=""
for entry in "${QUERIES[@]}"; do
  label=${entry%%|*}; path=${entry#*|}
  code=$(curl -s -o /dev/null -w '%{http_code}' "$SERVICE$path" -H "Authorization: Bearer $TOKEN")
  [[ $code == 200 ]] || die "$path answered $code"
  total=$(curl -fs "$SERVICE$path" -H "Authorization: Bearer $TOKEN" \
    | sed -E 's/.*"total":([0-9]+),"totalExact":(true|false).*/\1 \2/')
  BENCH_MODE=read BENCH_TOKEN=$TOKEN wrk -t1 -c1 -d"$WARMUP"s -s "$BENCH_DIR/memories.lua" "$SERVICE$path" >/dev/null
  say "$label: $path"
  line=$(BENCH_MODE=read BENCH_TOKEN=$TOKEN wrk -t1 -c1 -d"$DURATION"s -s "$BENCH_DIR/memories.lua" "$SERVICE$path" \
    | grep BENCH_RESULT | sed -E 's/.*rps=([0-9.]+) p50_ms=([0-9.]+) p95_ms=([0-9.]+) p99_ms=([0-9.]+).*/\1 | \2 | \3 | \4/')
  echo "$line (total $total)"
  ROWS+="| $label | \`$path\` | ${total% *} (${total#* }) | $line |"$'\n'
done

# The statements content-service sends for some of the rows above (LessonQuery; QueryPlanTest checks the
# same plans at 100,000 lessons in the test suite), as its role under the demo teacher's context.
explain() {
  "${PSQL[@]}" -v owner="$OWNER" <<SQL
begin;
set local role faraday_content_app;
select set_config('app.user_id', :'owner', true), set_config('app.roles', 'teacher', true) \gset
explain (analyze, buffers, costs off) $1;
rollback;
SQL
}
COLUMNS="l.id, l.user_id, l.subject_category_id, l.assistant_profile_id, l.title, l.content, l.grade_level, l.week,
  l.school_year, l.content_area, l.lesson_data, l.status, l.version, l.created_at, l.updated_at, l.updated_by"
search() { # words, offset
  local q="websearch_to_tsquery('english', '$1')"
  echo "select ${COLUMNS//l./c.}, c.candidates from (select l.*, count(*) over () as candidates,
  row_number() over (order by l.updated_at desc, l.id desc) as recency from (select $COLUMNS, l.search
  from content.lessons l where l.search @@ $q order by l.updated_at desc, l.id desc limit $(( ($2 + 20 > 200 ? $2 + 20 : 200) + 1 ))) l) c
  order by case when c.recency <= 200 then ts_rank(c.search, $q) end desc nulls last, c.updated_at desc, c.id desc
  limit 20 offset $2"
}
PLANS=$RUN_DIR/plans.txt
: >"$PLANS"
for entry in \
  "count, list newest first|select count(*) from (select 1 from content.lessons l order by l.updated_at desc, l.id desc limit 1001) m" \
  "count, grade 4|select count(*) from (select 1 from content.lessons l where l.grade_level = '4' limit 1001) m" \
  "page, grade 4, week 12|select $COLUMNS from content.lessons l where l.grade_level = '4' and l.week = 12 order by l.updated_at desc, l.id desc limit 20" \
  "search 'warm'|$(search warm 0)" "search 'dribbling cones'|$(search 'dribbling cones' 0)" \
  "search 'drill42'|$(search drill42 0)"; do
  { echo "-- ${entry%%|*}"; explain "${entry#*|}"; echo; } >>"$PLANS"
done

mkdir -p "$RESULTS_DIR"
OUT=$RESULTS_DIR/$(date +%Y-%m-%d-%H%M)-lessons-$LESSONS.md
{
  echo "# Lesson lists and search on $LESSONS added lessons, $(date -u +'%Y-%m-%d %H:%M UTC')"
  echo
  echo "Commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores shared by wrk, the stack and PostgreSQL."
  echo "Direct to content-service, one connection (latency = the server's, plus loopback), ${DURATION}s after"
  echo "${WARMUP}s of warm-up, pages of 20, as the demo teacher (owns one lesson in 25; sees $TOTAL counted)."
  echo
  echo "| query | path | total (exact) | req/s | p50 ms | p95 ms | p99 ms |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  printf '%s' "$ROWS"
  echo
  echo "## EXPLAIN (ANALYZE, BUFFERS) of the statements, as faraday_content_app with the teacher's context"
  echo
  echo '```'
  cat "$PLANS"
  echo '```'
} >"$OUT"
sed -n '1,/^## EXPLAIN/p' "$OUT"
echo
echo "written to $OUT"
