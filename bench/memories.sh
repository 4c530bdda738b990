#!/usr/bin/env bash
# memory-service at 1,000,000 memories over 10,000 teachers: starts the local stack, loads the memories
# straight into its database (a demo teacher's 100 through the API), then measures ranked search
# directly and through the gateway, a pgbench run of a plain indexed select of the same teacher's rows
# (the limit), insert throughput at 1 and 16 connections, and the EXPLAIN plans. See bench/README.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
DURATION=${BENCH_DURATION:-20}
WARMUP=${BENCH_WARMUP:-20}
MEMORIES=${BENCH_MEMORIES:-1000000}
TEACHERS=${BENCH_TEACHERS:-10000}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
GATEWAY=http://127.0.0.1:${FARADAY_PORT:-8080}
SERVICE=http://127.0.0.1:${FARADAY_MEMORY_SERVICE_PORT:-8084}
DB_PORT=${FARADAY_DB_PORT:-15432}
RESULTS_DIR=${BENCH_RESULTS_DIR:-$BENCH_DIR/results}

say() { printf '\n== %s  [%s]\n' "$*" "$(date +%T)"; }
die() { echo "bench: $*" >&2; exit 1; }
# shellcheck source=bench/stack.sh
. "$BENCH_DIR/stack.sh"
command -v wrk >/dev/null || die "wrk is missing (sudo apt-get install wrk)"
command -v psql >/dev/null && command -v pgbench >/dev/null || die "psql and pgbench are missing (apt-get install postgresql-client)"
[[ -z ${FARADAY_DB_URL:-} ]] || die "runs against the embedded database only"

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/faraday-memorybench.XXXXXX")
LAUNCHER=""
START_ID=""
PSQL=(psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d faraday -v ON_ERROR_STOP=1 -q)
cleanup() {
  if [[ -n $LAUNCHER ]] && kill -0 "$LAUNCHER" 2>/dev/null; then
    if [[ -z ${BENCH_KEEP:-} && -n ${START_ID:-} ]]; then
      # Triggers off, foreign keys' cascades included: children first.
      "${PSQL[@]}" -c "set session_replication_role = replica;
        delete from memory.memory_interactions where memory_id > $START_ID;
        delete from memory.memory_embeddings where memory_id > $START_ID;
        delete from memory.memory_embedding_queue where memory_id > $START_ID;
        delete from memory.memory_stats where memory_id > $START_ID;
        delete from memory.user_memories where id > $START_ID;" \
        -c "vacuum analyze memory.user_memories; vacuum analyze memory.memory_stats;" >/dev/null 2>&1 || true
    fi
    kill -TERM "$LAUNCHER" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$LAUNCHER" 2>/dev/null || break; sleep 1; done
  fi
}
trap cleanup EXIT INT TERM

say "starting the local stack (rate limit raised so that it never refuses)"
start_stack FARADAY_RATE_LIMIT_DEFAULT_QUOTA=10000000 FARADAY_RATE_LIMIT_DEFAULT_WINDOW=PT10000S \
  FARADAY_MEMORY_PURGE_INTERVAL=1h
PASSWORD=$(demo_password)
login() {
  curl -fs -X POST "$GATEWAY/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}
TOKEN=$(login maria.lopez@springfield.edu)
OWNER=$(curl -fs "$GATEWAY/api/v1/users/me" -H "Authorization: Bearer $TOKEN" | sed -E 's/.*"id":"([^"]+)".*/\1/')

START_ID=$("${PSQL[@]}" -Atc "select coalesce(max(id), 0) from memory.user_memories")
say "loading $MEMORIES memories over $TEACHERS teachers (row triggers off for the bulk insert)"
# Every 10th is shaped as a sealed memory (ciphertext-like content, 12 blind-index terms), so both
# search paths carry their share; those belong to other teachers, whose keys the service never needs.
"${PSQL[@]}" <<SQL
set session_replication_role = replica;
insert into memory.user_memories (id, user_id, assistant_profile_id, content, importance, category, sensitive,
    content_key, terms, version, created_at, updated_at)
select nextval(pg_get_serial_sequence('memory.user_memories', 'id')),
    uuid_in(md5('bench-teacher-' || (i % $TEACHERS))::cstring), 1 + i % 2,
    case when i % 10 = 0 then 'v1:dk:' || encode(sha256(i::text::bytea), 'base64')
    else (array['Prefers','Enjoys','Avoids','Plans','Uses'])[1 + i % 5] || ' '
        || (array['dribbling','passing','relay','balance','volleyball','yoga','cardio','tag'])[1 + i % 8] || ' '
        || (array['drills','games','stations','circuits','warm-ups'])[1 + (i / 7) % 5] || ' with '
        || (array['cones','hoops','bean bags','jump ropes','balls','pinnies'])[1 + (i / 3) % 6]
        || ' for grade ' || (i % 12) || ' (bench)' end,
    ((i::bigint * 7919) % 100) / 100.0, (array['teaching_style','class_context','preferences','schedule','equipment',
        'goals','health_habits','feedback'])[1 + i % 8], i % 10 = 0,
    sha256(('bench-' || i)::bytea),
    case when i % 10 = 0 then array(select substr(md5((i % 50 + k)::text), 1, 16) from generate_series(1, 12) k)
        else '{}' end,
    1, now() - ((i % 400) || ' days')::interval, now() - ((i % 400) || ' days')::interval
from generate_series(1, $MEMORIES) i;
insert into memory.memory_stats (memory_id, user_id, feedback_count, success_count)
select m.id, m.user_id, m.id % 5, (m.id % 5) / 2 from memory.user_memories m
where not exists (select 1 from memory.memory_stats s where s.memory_id = m.id);
set session_replication_role = origin;
vacuum analyze memory.user_memories;
vacuum analyze memory.memory_stats;
SQL
COUNT=$("${PSQL[@]}" -Atc "select count(*) from memory.user_memories")
echo "memories in the schema: $COUNT"

say "the measured teacher's 100 memories, through the gateway"
for i in $(seq 1 100); do
  words=(dribbling passing relay balance volleyball yoga cardio tag)
  sensitive=$([[ $((i % 10)) == 0 ]] && echo true || echo false)
  curl -fs -o /dev/null -X POST "$GATEWAY/api/v1/memories" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "{\"assistantProfileId\": $((1 + i % 2)), \"importance\": 0.$((i % 9 + 1)),
    \"category\": \"preferences\", \"sensitive\": $sensitive,
    \"content\": \"Bench $i: class enjoys ${words[$((i % 8))]} and ${words[$(((i * 3) % 8))]} stations\"}" \
    || die "could not store memory $i"
done

QUERY="/api/v1/memories?sort=relevance&q=relay%20stations&size=10"
code=$(curl -s -o "$RUN_DIR/sample.json" -w '%{http_code}' "$SERVICE$QUERY" -H "Authorization: Bearer $TOKEN")
[[ $code == 200 ]] || die "$QUERY answered $code: $(cat "$RUN_DIR/sample.json")"
run_wrk() { # label, base url, path, connections
  wrk -t$(( $4 < 2 ? 1 : 2 )) -c"$4" -d"$WARMUP"s -s "$BENCH_DIR/memories.lua" "$2$3" >/dev/null
  BENCH_MODE=read BENCH_TOKEN=$TOKEN wrk -t$(( $4 < 2 ? 1 : 2 )) -c"$4" -d"$DURATION"s -s "$BENCH_DIR/memories.lua" "$2$3" \
    | grep BENCH_RESULT | sed 's/BENCH_RESULT //'
}
export BENCH_TOKEN=$TOKEN BENCH_MODE=read
ROWS=""
for entry in "ranked search, direct to memory-service, 1 connection|$SERVICE|$QUERY|1" \
    "ranked search, direct to memory-service|$SERVICE|$QUERY" \
    "ranked search, through the gateway|$GATEWAY|$QUERY" \
    "ranked, no q, direct|$SERVICE|/api/v1/memories?sort=relevance&size=10" \
    "list newest first, direct|$SERVICE|/api/v1/memories?size=10"; do
  IFS='|' read -r label base path connections <<<"$entry"
  say "$label: $path"
  result=$(run_wrk "$label" "$base" "$path" "${connections:-$CONNECTIONS}")
  echo "$result"
  ROWS+="| $label | \`$path\` | $result |"$'\n'
done

say "recall: synthetic vectors for the bulk, 300 more of the teacher's own under profile 1, real ones for the 100"
# The bulk's vectors are random bytes (embedding a million sentences here would take about an hour); they
# are other teachers', which recall never reads, apart from the 300 that make the measured teacher's
# candidate set "hundreds". The 100 written through the API above are embedded by the service's job.
"${PSQL[@]}" <<SQL
set session_replication_role = replica;
insert into memory.user_memories (id, user_id, assistant_profile_id, content, importance, category, sensitive,
    content_key, version, created_at, updated_at)
select nextval(pg_get_serial_sequence('memory.user_memories', 'id')), '$OWNER', 1,
    'Bench extra ' || i || ': prefers ' || (array['cones','hoops','relay','yoga'])[1 + i % 4] || ' (bench)',
    (i % 10) / 10.0, 'preferences', false, sha256(('bench-extra-' || i)::bytea), 1, now(), now()
from generate_series(1, 300) i;
insert into memory.memory_stats (memory_id, user_id, feedback_count, success_count)
select m.id, m.user_id, 0, 0 from memory.user_memories m
where m.id > $START_ID and not exists (select 1 from memory.memory_stats s where s.memory_id = m.id);
insert into memory.memory_embeddings (memory_id, user_id, model, content_key, vector)
select m.id, m.user_id, 'all-minilm-l6-v2-q', m.content_key,
    decode((select string_agg(md5(m.id::text || '-' || k), '') from generate_series(1, 24) k), 'hex')
from memory.user_memories m
where m.id > $START_ID and not exists (select 1 from memory.memory_embeddings e where e.memory_id = m.id)
    and not exists (select 1 from memory.memory_embedding_queue q where q.memory_id = m.id);
set session_replication_role = origin;
vacuum analyze memory.memory_embeddings;
SQL
for _ in $(seq 1 120); do
  waiting=$("${PSQL[@]}" -Atc "select count(*) from memory.memory_embedding_queue where user_id = '$OWNER'")
  [[ $waiting == 0 ]] && break
  sleep 1
done
[[ $waiting == 0 ]] || die "the teacher's memories were not embedded within 120 s ($waiting waiting)"
CANDIDATES=$("${PSQL[@]}" -Atc "select count(*) from memory.user_memories where user_id = '$OWNER' and assistant_profile_id = 1")
EMBEDDED=$("${PSQL[@]}" -Atc "select count(*) from memory.memory_embeddings")
curl -fs -o "$RUN_DIR/recall.json" -X POST "$SERVICE/api/v1/memories/recall" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"assistantProfileId": 1, "query": "which activities does the class enjoy?"}' \
  || die "recall failed"
grep -q '"ranking":"hybrid"' "$RUN_DIR/recall.json" || die "recall is not hybrid: $(head -c 300 "$RUN_DIR/recall.json")"
RECALLS=""
for entry in "cached query vector|0|1" "cached query vector|0|4" "a new query each time (model runs)|1|1" \
    "a new query each time (model runs)|1|4"; do
  IFS='|' read -r label unique connections <<<"$entry"
  say "recall, $label, $connections connection(s)"
  BENCH_MODE=recall BENCH_UNIQUE=$unique BENCH_RUN="w$(date +%s)" wrk -t$(( connections < 2 ? 1 : 2 )) -c"$connections" \
    -d"$WARMUP"s -s "$BENCH_DIR/memories.lua" "$SERVICE" >/dev/null
  result=$(BENCH_MODE=recall BENCH_UNIQUE=$unique BENCH_RUN="r$(date +%s)" wrk -t$(( connections < 2 ? 1 : 2 )) \
    -c"$connections" -d"$DURATION"s -s "$BENCH_DIR/memories.lua" "$SERVICE" | grep BENCH_RESULT | sed 's/BENCH_RESULT //')
  echo "$result"
  RECALLS+="| $label | $connections | $result |"$'\n'
done

say "pgbench: a plain indexed select of the same teacher's rows, as the superuser (no RLS, no HTTP)"
cat >"$RUN_DIR/plain.sql" <<SQL
select id, content, importance, updated_at from memory.user_memories
where user_id = '$OWNER' order by updated_at desc limit 10;
SQL
pgbench -h 127.0.0.1 -p "$DB_PORT" -U postgres -n -f "$RUN_DIR/plain.sql" -c "$CONNECTIONS" -j 2 \
  -T "$DURATION" faraday >"$RUN_DIR/pgbench.txt" 2>&1
cat "$RUN_DIR/pgbench.txt" | grep -E "tps|latency"
PG_TPS=$(grep -oP 'tps = \K[0-9.]+' "$RUN_DIR/pgbench.txt" | head -1)
PG_LAT=$(grep -oP 'latency average = \K[0-9.]+' "$RUN_DIR/pgbench.txt")

say "inserts through the gateway at 1 and 16 connections (32 teachers x 2 profiles)"
EMAILS=$(grep -v '^#' "$ROOT/user-service/src/main/resources/seed/demo-users.csv" | cut -d';' -f1 | grep -v admin | head -32)
TOKENS=""
for e in $EMAILS; do TOKENS+="$(login "$e"),"; done
INSERTS=""
for c in 1 16; do
  result=$(BENCH_MODE=insert BENCH_RUN="$(date +%s)-$c" BENCH_TOKENS=${TOKENS%,} wrk -t$((c < 2 ? 1 : 2)) -c$c -d"$DURATION"s \
    -s "$BENCH_DIR/memories.lua" "$GATEWAY/api/v1/memories" | grep BENCH_RESULT | sed 's/BENCH_RESULT //')
  echo "$c connection(s): $result"
  INSERTS+="| $c | $result |"$'\n'
done

say "EXPLAIN of the ranked and the plain list query, as memory-service's role with the teacher's context"
explain() {
  "${PSQL[@]}" -At <<SQL
begin;
set local role faraday_memory_app;
select set_config('app.user_id', '$OWNER', true), set_config('app.roles', 'teacher', true) \gset
explain (analyze, buffers, costs off, timing off, summary off) $1;
rollback;
SQL
}
RANKED="select m.id, (0.4 * (case when m.sensitive then cardinality(array(select unnest(m.terms) intersect
  select unnest(string_to_array('', ','))))::float8 / 2 else ts_rank_cd(m.search,
  websearch_to_tsquery('english', 'relay stations'), 32) end) + 0.3 * m.importance + 0.2 * power(2,
  -extract(epoch from now() - greatest(m.updated_at, coalesce(s.last_used_at, m.updated_at))) / 2592000)
  + 0.1 * (s.success_count + 1.0) / (s.feedback_count + 2.0)) / 1.0
  from memory.user_memories m join memory.memory_stats s on s.memory_id = m.id
  where m.user_id = '$OWNER' and ((not m.sensitive and m.search @@ websearch_to_tsquery('english', 'relay stations'))
  or (m.sensitive and m.terms && string_to_array('', ',')))
  order by 2 desc, m.id desc limit 10"
PLAIN="select m.id from memory.user_memories m where m.user_id = '$OWNER' order by m.updated_at desc, m.id desc limit 10"
explain "$RANKED" >"$RUN_DIR/ranked.plan"
explain "$PLAIN" >"$RUN_DIR/plain.plan"
cat "$RUN_DIR/ranked.plan" "$RUN_DIR/plain.plan"
grep -q "Seq Scan" "$RUN_DIR/ranked.plan" "$RUN_DIR/plain.plan" && echo "WARNING: a sequential scan"

mkdir -p "$RESULTS_DIR"
OUT=$RESULTS_DIR/$(date +%Y-%m-%d-%H%M)-memories.md
{
  echo "# memory-service at $COUNT memories over $TEACHERS teachers, $(date -u +'%Y-%m-%d %H:%M UTC')"
  echo
  echo "Commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, the whole local stack and the load"
  echo "generator on the same machine. As a demo teacher with 100 memories (10 sealed); wrk -t2 -c$CONNECTIONS,"
  echo "${DURATION}s after ${WARMUP}s of warm-up; pages of 10."
  echo
  echo "| query | path | result |"
  echo "|---|---|---|"
  printf '%s' "$ROWS"
  echo
  echo "Recall (POST /api/v1/memories/recall, profile 1, limit 10), direct to memory-service: the teacher has"
  echo "$CANDIDATES candidates under the profile; $EMBEDDED vectors in the schema (the bulk's synthetic, the"
  echo "teacher's 100 from the API embedded by the service). Latency at 1 connection is the server's plus loopback."
  echo
  echo "| query vector | connections | result |"
  echo "|---|---:|---|"
  printf '%s' "$RECALLS"
  echo
  echo "pgbench, the limit: a plain indexed select of the same teacher's 10 newest rows, superuser, -c$CONNECTIONS -j2:"
  echo "**$PG_TPS tps**, latency average $PG_LAT ms."
  echo
  echo "Inserts through the gateway (POST /api/v1/memories, 10 % sensitive, each with its profile check):"
  echo
  echo "| connections | result |"
  echo "|---:|---|"
  printf '%s' "$INSERTS"
  echo
  echo "## EXPLAIN (ANALYZE, BUFFERS) of the ranked search, as faraday_memory_app with the teacher's context"
  echo
  echo '```'
  cat "$RUN_DIR/ranked.plan"
  echo '```'
  echo
  echo "## EXPLAIN of the plain list"
  echo
  echo '```'
  cat "$RUN_DIR/plain.plan"
  echo '```'
} >"$OUT"
cat "$OUT"
echo
echo "written to $OUT"
