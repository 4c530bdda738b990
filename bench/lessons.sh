#!/usr/bin/env bash
# Lesson listing and search latency on 100,000 lessons, through the gateway: starts the local stack,
# adds 100,000 lessons (500 owners, most published, words from a realistic vocabulary) straight into
# its database, measures with wrk as a demo teacher, then removes them again. See bench/README.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
DURATION=${BENCH_DURATION:-20}
WARMUP=${BENCH_WARMUP:-10}
LESSONS=${BENCH_LESSONS:-100000}
GATEWAY=http://127.0.0.1:${FARADAY_PORT:-8080}
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

say "adding $LESSONS lessons (row triggers off for the bulk insert, then vacuum analyze)"
"${PSQL[@]}" <<SQL
set session_replication_role = replica;
insert into content.lessons (user_id, subject_category_id, title, content, grade_level, week, school_year,
    content_area, lesson_data, status, version, updated_at)
select uuid_in(md5('bench-teacher-' || (i % 500))::cstring),
    (select min(id) from content.subject_categories),
    'Lesson ' || i || ' '
        || (array['dribbling','passing','relay','balance','volleyball','yoga','cardio','tag'])[1 + i % 8]
        || ' drill' || (i * 7919 % 997),
    'Students practise ' || (array['throwing','catching','jumping','running','stretching','teamwork'])[1 + i % 6]
        || ' with ' || (array['cones','hoops','bean bags','jump ropes','balls'])[1 + i % 5] || '.',
    (array['K','1','2','3','4','5','6','7','8','9','10','11','12'])[1 + i % 13], 1 + i % 53, '2026-2027', 'Bench',
    jsonb_build_object('objectives', jsonb_build_array('Objective ' || i),
        'activities', jsonb_build_array(jsonb_build_object('name', 'Warm-up', 'minutes', 10))),
    (array['published','published','published','published','published','published',
        'draft','draft','review','archived'])[1 + i % 10],
    1, now() - (i || ' minutes')::interval
from generate_series(1, $LESSONS) i;
set session_replication_role = origin;
vacuum analyze content.lessons;
SQL

TOKEN=$(curl -fs -X POST "$GATEWAY/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"maria.lopez@springfield.edu\",\"password\":\"$PASSWORD\"}" \
  | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
TOTAL=$(curl -fs "$GATEWAY/api/v1/lessons?size=1" -H "Authorization: Bearer $TOKEN" \
  | sed -E 's/.*"total":([0-9]+).*/\1/')
echo "a teacher sees $TOTAL lessons (counted up to 10,000)"

QUERIES=("list newest first|/api/v1/lessons" "list page 50|/api/v1/lessons?page=50"
  "grade 4, week 12|/api/v1/lessons?gradeLevel=4&week=12" "search 'drill42'|/api/v1/lessons?q=drill42"
  "search 'relay drill7' + grade 5|/api/v1/lessons?q=relay%20drill7&gradeLevel=5"
  "own drafts|/api/v1/lessons?status=draft")
ROWS=""
for entry in "${QUERIES[@]}"; do
  label=${entry%%|*}; path=${entry#*|}
  code=$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY$path" -H "Authorization: Bearer $TOKEN")
  [[ $code == 200 ]] || die "$path answered $code"
  wrk -t2 -c8 -d"$WARMUP"s -H "Authorization: Bearer $TOKEN" "$GATEWAY$path" >/dev/null
  say "$label: $path"
  wrk -t2 -c8 -d"$DURATION"s --latency -H "Authorization: Bearer $TOKEN" "$GATEWAY$path" >"$RUN_DIR/run.txt"
  line=$(awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5}
    END {printf "%s | %s | %s | %s", rps, p50, p99, (bad==""?0:bad)}' "$RUN_DIR/run.txt")
  echo "$line"
  ROWS+="| $label | \`$path\` | $line |"$'\n'
done

mkdir -p "$RESULTS_DIR"
OUT=$RESULTS_DIR/$(date +%Y-%m-%d-%H%M)-lessons.md
{
  echo "# Lesson lists and search on $LESSONS lessons, $(date -u +'%Y-%m-%d %H:%M UTC')"
  echo
  echo "Commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, through the gateway, as a demo teacher"
  echo "(sees own and published lessons: $TOTAL counted); wrk -t2 -c8, ${DURATION}s after ${WARMUP}s of warm-up;" \
    "pages of 20."
  echo
  echo "| query | path | req/s | p50 | p99 | non-2xx |"
  echo "|---|---|---:|---:|---:|---:|"
  printf '%s' "$ROWS"
} >"$OUT"
cat "$OUT"
echo
echo "written to $OUT"
