#!/usr/bin/env bash
# The audit trail's cost to writers, and how long an entry waits for its seal. Starts the local stack,
# then, in one run, with pgbench against its PostgreSQL:
#  1. inserts of a lesson-shaped row (a copy of content.lessons) at 1, 4 and 16 clients, in three
#     scratch schemas: no audit trigger; the audit trail before V0_7 (a chain head row locked by every
#     writer until commit); the current one (append only, sealed after commit by the service);
#  2. inserts into content.lessons itself at 16 clients while content-service seals, then the seal
#     lag of those entries (sealed_at - written at) and the time until nothing waits for a seal.
# The scratch schemas carry content.lessons' own audit trigger (its secret, personal and subject
# columns), and are dropped at the end; the bench's lessons are deleted (their audit entries stay,
# sealed, as every write's do). See bench/README.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
DURATION=${BENCH_DURATION:-20}
CLIENTS=${BENCH_CLIENTS:-1 4 16}
GATEWAY=http://127.0.0.1:${FARADAY_PORT:-8080}
DB_PORT=${FARADAY_DB_PORT:-15432}
RESULTS_DIR=${BENCH_RESULTS_DIR:-$BENCH_DIR/results}
KIT=$ROOT/service-kit/src/main/resources/db/kit

say() { printf '\n== %s  [%s]\n' "$*" "$(date +%T)"; }
die() { echo "bench: $*" >&2; exit 1; }
# shellcheck source=bench/stack.sh
. "$BENCH_DIR/stack.sh"
command -v psql >/dev/null && command -v pgbench >/dev/null || die "psql and pgbench are missing (apt-get install postgresql-client)"
[[ -z ${FARADAY_DB_URL:-} ]] || die "runs against the embedded database only"

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/faraday-auditbench.XXXXXX")
LAUNCHER=""
BENCH_TEACHER=00000000-0000-4000-8000-00000000a0d1
PSQL=(psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d faraday -v ON_ERROR_STOP=1 -q)
cleanup() {
  if [[ -n $LAUNCHER ]] && kill -0 "$LAUNCHER" 2>/dev/null; then
    "${PSQL[@]}" -c "drop schema if exists audit_bench_plain, audit_bench_chain, audit_bench_sealed cascade;
      drop role if exists audit_bench_app;" -c "set session_replication_role = replica;
      delete from content.lessons where user_id = '$BENCH_TEACHER';" >/dev/null 2>&1 || true
    kill -TERM "$LAUNCHER" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$LAUNCHER" 2>/dev/null || break; sleep 1; done
  fi
}
trap cleanup EXIT INT TERM

say "starting the local stack"
start_stack
CATEGORY=$("${PSQL[@]}" -Atc "select min(id) from content.subject_categories")

# A kit migration as Flyway would run it into schema $1.
kit() {
  sed -e "s/\${flyway:defaultSchema}/$1/g" -e 's/\${flyway:user}/postgres/g' -e 's/\${app_role}/audit_bench_app/g' \
    "$KIT/$2" | "${PSQL[@]}" >/dev/null
}

say "scratch schemas: no trigger / the chain head of V0_1 / sealed after commit (V0_7)"
"${PSQL[@]}" -c "drop schema if exists audit_bench_plain, audit_bench_chain, audit_bench_sealed cascade;
  drop role if exists audit_bench_app; create role audit_bench_app nologin;"
for schema in audit_bench_plain audit_bench_chain audit_bench_sealed; do
  "${PSQL[@]}" -c "create schema $schema; create table $schema.lessons (like content.lessons including all);"
done
for schema in audit_bench_chain audit_bench_sealed; do
  kit "$schema" V0_1__kit_security.sql
  kit "$schema" V0_3__kit_client_request_ids.sql
done
for migration in V0_5__kit_subject_keys.sql V0_7__kit_audit_seal.sql; do
  kit audit_bench_sealed "$migration"
done
# The trigger content.lessons has, with its arguments (secret, personal and subject columns).
TRIGGER=$("${PSQL[@]}" -Atc "select pg_get_triggerdef(oid) from pg_trigger
  where tgrelid = 'content.lessons'::regclass and tgname = 'lessons_audit'")
for schema in audit_bench_chain audit_bench_sealed; do
  "${PSQL[@]}" -c "${TRIGGER//content./$schema.};"
done
echo "trigger: $TRIGGER"

insert_script() {
  cat <<SQL
\\set n random(1, 1000000000)
begin;
select set_config('app.user_id', '$BENCH_TEACHER', true), set_config('app.roles', 'teacher', true),
  set_config('app.request_id', 'bench-' || :n, true);
insert into $1.lessons (user_id, subject_category_id, title, content, grade_level, week, school_year,
  content_area, lesson_data)
values ('$BENCH_TEACHER', $CATEGORY, 'Dribbling relay ' || :n,
  'Students dribble through cones in pairs, switching hands at each cone; finish with a relay race.',
  '4', 12, '2026-2027', 'Motor skills', '{"objectives": ["dribble with either hand"], "equipment": ["cones", "balls"]}');
commit;
SQL
}

declare -A TPS LAT
for c in $CLIENTS; do
  "${PSQL[@]}" -c "truncate audit_bench_plain.lessons, audit_bench_chain.lessons, audit_bench_chain.audit_log,
    audit_bench_sealed.lessons, audit_bench_sealed.audit_log, audit_bench_sealed.audit_pending cascade;
    update audit_bench_chain.audit_chain_head set last_seq = 0, last_hash = sha256(''::bytea);
    checkpoint;"
  for schema in audit_bench_plain audit_bench_chain audit_bench_sealed; do
    insert_script "$schema" >"$RUN_DIR/$schema.sql"
    pgbench -h 127.0.0.1 -p "$DB_PORT" -U postgres -n -f "$RUN_DIR/$schema.sql" -c "$c" -j $((c < 2 ? 1 : 2)) \
      -T "$DURATION" faraday >"$RUN_DIR/$schema-$c.txt" 2>&1 || { cat "$RUN_DIR/$schema-$c.txt"; die "pgbench failed"; }
    TPS[$schema-$c]=$(grep -oP 'tps = \K[0-9.]+' "$RUN_DIR/$schema-$c.txt" | head -1)
    LAT[$schema-$c]=$(grep -oP 'latency average = \K[0-9.]+' "$RUN_DIR/$schema-$c.txt")
    echo "$schema, $c client(s): ${TPS[$schema-$c]} tps, ${LAT[$schema-$c]} ms"
  done
done

say "16 clients into content.lessons while content-service seals"
insert_script content >"$RUN_DIR/content.sql"
FROM=$("${PSQL[@]}" -Atc "select coalesce(max(entry_id), 0) from content.audit_log")
pgbench -h 127.0.0.1 -p "$DB_PORT" -U postgres -n -f "$RUN_DIR/content.sql" -c 16 -j 2 -T "$DURATION" faraday \
  >"$RUN_DIR/content-16.txt" 2>&1 &
PGBENCH=$!
MAX_BACKLOG=0
while kill -0 "$PGBENCH" 2>/dev/null; do
  backlog=$("${PSQL[@]}" -Atc "select count(*) from content.audit_trail where seq is null and entry_id > $FROM")
  (( backlog > MAX_BACKLOG )) && MAX_BACKLOG=$backlog
  sleep 1
done
wait "$PGBENCH" || { cat "$RUN_DIR/content-16.txt"; die "pgbench failed"; }
CONTENT_TPS=$(grep -oP 'tps = \K[0-9.]+' "$RUN_DIR/content-16.txt" | head -1)
STOPPED=$(date +%s.%N)
for _ in $(seq 1 600); do
  left=$("${PSQL[@]}" -Atc "select count(*) from content.audit_trail where seq is null and entry_id > $FROM")
  [[ $left == 0 ]] && break
  sleep 0.2
done
DRAINED=$(echo "$(date +%s.%N) - $STOPPED" | bc)
LAG=$("${PSQL[@]}" -AtF' ' -c "select count(*),
    round(1000 * percentile_cont(0.5) within group (order by extract(epoch from s.sealed_at - a.at)))::int,
    round(1000 * percentile_cont(0.95) within group (order by extract(epoch from s.sealed_at - a.at)))::int,
    round(1000 * percentile_cont(0.99) within group (order by extract(epoch from s.sealed_at - a.at)))::int,
    round(1000 * max(extract(epoch from s.sealed_at - a.at)))::int
  from content.audit_log a join content.audit_seal s using (entry_id) where a.entry_id > $FROM")
read -r SEALED LAG50 LAG95 LAG99 LAGMAX <<<"$LAG"
echo "content.lessons at 16 clients: $CONTENT_TPS tps; $SEALED entries sealed; lag p50 $LAG50 ms, p95 $LAG95 ms,"
echo "  p99 $LAG99 ms, max $LAGMAX ms; largest backlog seen $MAX_BACKLOG; all sealed ${DRAINED}s after the load stopped"

mkdir -p "$RESULTS_DIR"
OUT="$RESULTS_DIR/$(date +%Y-%m-%d-%H%M)-audit.md"
{
  echo "# Audit trail: insert throughput and seal lag ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "\`bench/audit.sh\` at $(git -C "$ROOT" rev-parse --short HEAD), ${DURATION} s per run, pgbench against the"
  echo "local stack's PostgreSQL ($(nproc) cores, shared with the stack). Each transaction: BEGIN; set_config x3;"
  echo "INSERT of one lesson; COMMIT. Audit trigger as on content.lessons: \`${TRIGGER#*EXECUTE FUNCTION }\`."
  echo
  echo "| clients | no audit trigger (tps) | chain head, before V0_7 (tps) | sealed after commit (tps) | sealed / no trigger |"
  echo "|---:|---:|---:|---:|---:|"
  for c in $CLIENTS; do
    ratio=$(echo "scale=2; ${TPS[audit_bench_sealed-$c]} / ${TPS[audit_bench_plain-$c]}" | bc)
    echo "| $c | ${TPS[audit_bench_plain-$c]} | ${TPS[audit_bench_chain-$c]} | ${TPS[audit_bench_sealed-$c]} | $ratio |"
  done
  echo
  echo "Seal lag with content-service sealing (interval 1 s) under 16 clients into content.lessons"
  echo "($CONTENT_TPS tps): $SEALED entries; sealed_at - at p50 $LAG50 ms, p95 $LAG95 ms, p99 $LAG99 ms,"
  echo "max $LAGMAX ms; the largest backlog sampled was $MAX_BACKLOG entries; every entry was sealed"
  echo "${DRAINED} s after the load stopped."
} >"$OUT"
say "written to $OUT"
cat "$OUT"
