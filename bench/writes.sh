#!/usr/bin/env bash
# Writes against what PostgreSQL allows: starts the local stack, then for lessons and for memories runs
# pgbench's audited insert of the same row (as the service's role, under a teacher's row-level security
# context, the schema's real triggers firing) and the service's POST straight to it, at BENCH_CONNECTIONS
# (16), and writes one table with the ratios and the services' CPU per write. See bench/README.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-90}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
GATEWAY=http://127.0.0.1:${FARADAY_PORT:-8080}
CONTENT=http://127.0.0.1:${FARADAY_CONTENT_SERVICE_PORT:-8082}
MEMORY=http://127.0.0.1:${FARADAY_MEMORY_SERVICE_PORT:-8084}
DB_PORT=${FARADAY_DB_PORT:-15432}
RESULTS_DIR=${BENCH_RESULTS_DIR:-$BENCH_DIR/results}

say() { printf '\n== %s  [%s]\n' "$*" "$(date +%T)"; }
die() { echo "bench: $*" >&2; exit 1; }
# shellcheck source=bench/stack.sh
. "$BENCH_DIR/stack.sh"
command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"
command -v psql >/dev/null && command -v pgbench >/dev/null || die "psql and pgbench are missing (apt-get install postgresql-client)"
[[ -z ${FARADAY_DB_URL:-} ]] || die "runs against the embedded database only"

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/faraday-writebench.XXXXXX")
LAUNCHER=""
PSQL=(psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d faraday -v ON_ERROR_STOP=1 -q -At)
MARK="Bench write $(date +%s)"
cleanup() {
  if [[ -n $LAUNCHER ]] && kill -0 "$LAUNCHER" 2>/dev/null; then
    if [[ -z ${BENCH_KEEP:-} ]]; then
      # What the runs wrote goes again, triggers off (the audit rows stay: the trail is append-only).
      "${PSQL[@]}" -c "set session_replication_role = replica;
        delete from content.lessons where title like 'Bench write %';
        delete from memory.memory_embedding_queue q using memory.user_memories m
          where q.memory_id = m.id and m.content like 'Bench write %';
        delete from memory.memory_stats s using memory.user_memories m
          where s.memory_id = m.id and m.content like 'Bench write %';
        delete from memory.user_memories where content like 'Bench write %';" >/dev/null 2>&1 || true
    fi
    kill -TERM "$LAUNCHER" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$LAUNCHER" 2>/dev/null || break; sleep 1; done
  fi
}
trap cleanup EXIT INT TERM

# CPU seconds (user + system) a process has used so far.
cpu_of() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
pid_on() { ss -ltnpH "sport = :$1" | grep -oP 'pid=\K[0-9]+' | head -1; }

# Embeddings off: the write path is measured, not the deferred embedding of what it wrote (about 15 ms of
# CPU per memory on the embedding job's thread, at most faraday.memory.embedding.batch-size a second per
# replica), which would otherwise take a share of the cores from whatever run comes next.
say "starting the local stack (rate limit raised so that it never refuses; memory embeddings off)"
start_stack FARADAY_RATE_LIMIT_DEFAULT_QUOTA=10000000 FARADAY_RATE_LIMIT_DEFAULT_WINDOW=PT10000S \
  FARADAY_MEMORY_EMBEDDING_PROVIDER=off
PASSWORD=$(demo_password)
login() {
  curl -fs -X POST "$GATEWAY/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}
TOKEN=$(login maria.lopez@springfield.edu)
[[ $TOKEN == ey* ]] || die "sign-in failed"
OWNER=$(curl -fs "$GATEWAY/api/v1/users/me" -H "Authorization: Bearer $TOKEN" | sed -E 's/.*"id":"([^"]+)".*/\1/')
EMAILS=$(grep -v '^#' "$ROOT/user-service/src/main/resources/seed/demo-users.csv" | cut -d';' -f1 | grep -v admin | head -32)
TOKENS=""
for e in $EMAILS; do TOKENS+="$(login "$e"),"; done
TOKENS=${TOKENS%,}
CATEGORY=$("${PSQL[@]}" -c "select min(id) from content.subject_categories")
CONTENT_PID=$(pid_on "${CONTENT##*:}")
MEMORY_PID=$(pid_on "${MEMORY##*:}")
ASSISTANT_PID=$(pid_on "${FARADAY_ASSISTANT_SERVICE_PORT:-8083}")

LESSON_BODY="{\"title\":\"$MARK relay\",\"content\":\"Students practise passing with cones.\",\
\"subjectCategoryId\":$CATEGORY,\"gradeLevel\":\"4\",\"week\":3,\"schoolYear\":\"2026-2027\",\"contentArea\":\"Bench\",\
\"lessonData\":{\"objectives\":[\"Pass accurately\"],\"activities\":[{\"name\":\"Warm-up\",\"minutes\":10}]}}"
cat >"$RUN_DIR/lessons.sql" <<SQL
begin;
set local role faraday_content_app;
select set_config('app.user_id', '$OWNER', true), set_config('app.roles', 'teacher', true);
insert into content.lessons (user_id, subject_category_id, title, content, grade_level, week, school_year,
  content_area, lesson_data, status) values ('$OWNER', $CATEGORY, '$MARK ' || :client_id || '-' || random(),
  'Students practise passing with cones.', '4', 3, '2026-2027', 'Bench',
  '{"objectives":["Pass accurately"],"activities":[{"name":"Warm-up","minutes":10}]}', 'draft') returning *;
commit;
SQL
# A random teacher per transaction: the service's per-teacher lock is not modelled, so this is the ceiling.
cat >"$RUN_DIR/memories.sql" <<SQL
\set u random(1, 100000)
begin;
set local role faraday_memory_app;
select set_config('app.user_id', uuid_in(md5('pgb-' || :u)::cstring)::text, true),
  set_config('app.roles', 'teacher', true);
insert into memory.user_memories (user_id, assistant_profile_id, content, importance, category, content_key)
values (uuid_in(md5('pgb-' || :u)::cstring), 1, '$MARK prefers relay stations with cones ' || random(), 0.5,
  'preferences', sha256(random()::text::bytea)) returning *;
commit;
SQL

pgbench_tps() {
  pgbench -h 127.0.0.1 -p "$DB_PORT" -U postgres -n -f "$1" -c "$CONNECTIONS" -j 2 -T "$2" faraday 2>&1 \
    | grep -oP 'tps = \K[0-9.]+' | head -1 | xargs printf '%.0f'
}
# wrk against the service; prints "rps p50 p95 cpu-ms-per-write(service) cpu-ms-per-write(assistant)".
service_run() {
  local url=$1 seconds=$2 pid=$3 c0 a0 line rps
  shift 3
  c0=$(cpu_of "$pid"); a0=$(cpu_of "$ASSISTANT_PID")
  line=$(env "$@" wrk -t2 -c"$CONNECTIONS" -d"$seconds"s -s "$BENCH_DIR/memories.lua" "$url" | grep BENCH_RESULT)
  rps=$(grep -oP 'rps=\K[0-9.]+' <<<"$line")
  awk -v r="$rps" -v p50="$(grep -oP 'p50_ms=\K[0-9.]+' <<<"$line")" -v p95="$(grep -oP 'p95_ms=\K[0-9.]+' <<<"$line")" \
    -v c="$(echo "$(cpu_of "$pid") - $c0" | bc)" -v a="$(echo "$(cpu_of "$ASSISTANT_PID") - $a0" | bc)" \
    -v ok="$(grep -oP 's2xx=\K[0-9]+' <<<"$line")" -v bad="$(grep -oP 'other=\K[0-9]+' <<<"$line")" -v s="$seconds" \
    'BEGIN { n = r * s; printf "%.0f %.1f %.1f %.2f %.2f %d %d\n", r, p50, p95, 1000 * c / n, 1000 * a / n, ok, bad }'
}

lessons() { service_run "$CONTENT/api/v1/lessons" "$1" "$CONTENT_PID" BENCH_MODE=post BENCH_TOKEN="$TOKEN" BENCH_BODY="$LESSON_BODY"; }
memories() { service_run "$MEMORY/api/v1/memories" "$1" "$MEMORY_PID" BENCH_MODE=insert BENCH_RUN="$MARK $RANDOM" BENCH_TOKENS="$TOKENS"; }

say "warming up: $WARMUP s of each service's writes"
lessons "$WARMUP" >/dev/null
memories "$WARMUP" >/dev/null

TABLE=""
for write in lessons memories; do
  for round in $(seq 1 "$ROUNDS"); do
    say "$write, round $round: pgbench, then the service"
    pg=$(pgbench_tps "$RUN_DIR/$write.sql" "$DURATION")
    if [[ $write == lessons ]]; then read -r rps p50 p95 cpu dep ok bad < <(lessons "$DURATION")
    else read -r rps p50 p95 cpu dep ok bad < <(memories "$DURATION"); fi
    ratio=$(awk -v a="$rps" -v b="$pg" 'BEGIN { printf "%.2f", a / b }')
    echo "pgbench $pg tps; service $rps req/s (p50 $p50 ms, p95 $p95 ms, $ok 2xx, $bad other); ratio $ratio"
    TABLE+="| \`POST /api/v1/$write\` | $round | $pg | $rps | **$ratio** | $p50 / $p95 | $cpu | $dep | $bad |"$'\n'
  done
done

mkdir -p "$RESULTS_DIR"
OUT="$RESULTS_DIR/$(date -u +%Y-%m-%d-%H%M)-writes.md"
cat >"$OUT" <<EOF
# Writes against pgbench's audited insert of the same row, $(date -u '+%Y-%m-%d %H:%M') UTC

\`bench/writes.sh\` at $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench/results' || echo ' (with uncommitted changes)'),
$(nproc) cores shared by the load tool, the whole local stack and the embedded PostgreSQL; $CONNECTIONS connections,
$DURATION s per run after $WARMUP s of warm-up per service. pgbench runs the least the service's transaction
needs (role, row-level security context, \`insert ... returning *\`, commit) with the schema's real triggers.
Memories: the service cycles over 32 teachers' tokens and profiles 1 and 2, every tenth memory sensitive;
pgbench picks one of 100,000 teachers per transaction. CPU columns: milliseconds of CPU per write of the
service and of assistant-service (which answers the profile check). memory-service runs with embeddings off
(\`FARADAY_MEMORY_EMBEDDING_PROVIDER=off\`): the deferred embedding of each memory is not part of its write.

| write | round | pgbench (tps) | service (req/s) | ratio | p50 / p95 ms | service CPU ms | assistant CPU ms | non-2xx |
|---|---:|---:|---:|---:|---|---:|---:|---:|
$TABLE
Goal (issue 14): ratio ≥ 0.5.
EOF
say "written to $OUT"
cat "$OUT"
