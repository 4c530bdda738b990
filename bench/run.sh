#!/usr/bin/env bash
# Benchmark of user-service: sign-in throughput and latency, /users/me latency while sign-ins run and
# alone, startup time and memory. Starts the local stack itself unless BENCH_BASE_URL is given.
# See bench/README.md for the settings and how to read the output.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")

seconds() { # 30, 30s or 2m -> seconds
  local v=$1
  case $v in
    *m) echo $(( ${v%m} * 60 )) ;;
    *s) echo "${v%s}" ;;
    *) echo "$v" ;;
  esac
}
DURATION=$(seconds "${BENCH_DURATION:-30}")
# The JIT needs tens of thousands of /users/me requests before that endpoint runs at full speed here.
WARMUP_LOGIN=$(seconds "${BENCH_WARMUP_LOGIN:-${BENCH_WARMUP:-10}}")
WARMUP_ME=$(seconds "${BENCH_WARMUP_ME:-${BENCH_WARMUP:-20}}")
TIMEOUT=${BENCH_TIMEOUT:-30s}                   # wrk's own default (2 s) would drop slow sign-ins
LOGIN_T=${BENCH_LOGIN_THREADS:-2}; LOGIN_C=${BENCH_LOGIN_CONNECTIONS:-16}
PROBE_T=${BENCH_PROBE_THREADS:-1}; PROBE_C=${BENCH_PROBE_CONNECTIONS:-4}
ME_T=${BENCH_ME_THREADS:-2}; ME_C=${BENCH_ME_CONNECTIONS:-16}
ACCOUNTS=${BENCH_ACCOUNTS:-32}                  # how many demo teachers the sign-ins cycle over
STACK=${BENCH_STACK:-project}                   # project: ../run.sh; isolated: own state in bench/.stack
START_TIMEOUT=${BENCH_START_TIMEOUT:-900}       # may include the Maven build run.sh does after changes
RESULTS_DIR=${BENCH_RESULTS_DIR:-$BENCH_DIR/results}
SEED_CSV=$ROOT/user-service/src/main/resources/seed/demo-users.csv

[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 5 ]] || { echo "BENCH_DURATION must be at least 5 seconds" >&2; exit 2; }
[[ $WARMUP_LOGIN =~ ^[0-9]+$ && $WARMUP_ME =~ ^[0-9]+$ ]] \
  || { echo "BENCH_WARMUP* must be numbers of seconds" >&2; exit 2; }

say() { printf '\n== %s  [%s]\n' "$*" "$(date +%T)"; }
die() { echo "bench: $*" >&2; exit 1; }

# ---------------------------------------------------------------- tools
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "wrk is missing; installing it (apt-get install wrk)"
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  elif command -v sudo >/dev/null && command -v apt-get >/dev/null && sudo -n true 2>/dev/null; then
    echo "wrk is missing; installing it (sudo apt-get install wrk)"
    sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null
  else
    die "wrk is missing. Install it: 'sudo apt-get install wrk' (Debian/Ubuntu), 'brew install wrk' (macOS)."
  fi
fi
command -v curl >/dev/null || die "curl is missing"

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/faraday-bench.XXXXXX") # raw wrk output and the launcher's console
chmod 700 "$RUN_DIR"

# ---------------------------------------------------------------- stopping (Ctrl-C too)
LAUNCHER=""        # pid of the launcher we started; also its process group (setsid)
PG_PID_FILE=""     # the embedded PostgreSQL's postmaster.pid, if we started it
BG_PIDS=()         # background wrk runs

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local p
  for p in "${BG_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [[ -n $LAUNCHER ]] && kill -0 "$LAUNCHER" 2>/dev/null; then
    echo "Stopping the stack (SIGTERM to the launcher, pid $LAUNCHER)..."
    kill -TERM "$LAUNCHER" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$LAUNCHER" 2>/dev/null || break; sleep 1; done
  fi
  if [[ -n $LAUNCHER ]]; then
    # Whatever is left in the stack's process group (e.g. a Maven build interrupted by Ctrl-C).
    if pgrep -g "$LAUNCHER" >/dev/null 2>&1; then
      echo "Stopping what is left of the stack's process group $LAUNCHER"
      kill -TERM -- "-$LAUNCHER" 2>/dev/null || true
      for _ in $(seq 15); do pgrep -g "$LAUNCHER" >/dev/null 2>&1 || break; sleep 1; done
      kill -KILL -- "-$LAUNCHER" 2>/dev/null || true
    fi
    if [[ -n $PG_PID_FILE && -f $PG_PID_FILE ]]; then
      local pg; pg=$(head -1 "$PG_PID_FILE" 2>/dev/null || true)
      if [[ -n $pg ]] && kill -0 "$pg" 2>/dev/null; then
        echo "Stopping the embedded PostgreSQL left behind (pid $pg)"
        kill -INT "$pg" 2>/dev/null || true
      fi
    fi
  fi
  [[ $rc -eq 0 ]] || echo "bench: stopped (exit $rc); raw output in $RUN_DIR" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

session_leader() { # pid of what we started with setsid -> the process that leads the new session
  local i c
  for i in $(seq 50); do
    [[ $(ps -o sid= -p "$1" 2>/dev/null | tr -d ' ') == "$1" ]] && { echo "$1"; return; }
    c=$(pgrep -P "$1" 2>/dev/null | head -1 || true)
    [[ -n $c && $(ps -o sid= -p "$c" 2>/dev/null | tr -d ' ') == "$c" ]] && { echo "$c"; return; }
    sleep 0.1
  done
  echo "$1"
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

load_avg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load average: //'; }
other_jvms() { # JVMs on the machine that are not the benchmarked stack (e.g. builds, tests)
  local n=0 p
  for p in $(pgrep java 2>/dev/null || true); do
    if [[ -n $LAUNCHER ]] && [[ $(ps -o pgid= -p "$p" 2>/dev/null | tr -d ' ') == "$LAUNCHER" ]]; then continue; fi
    [[ -n ${SERVICE_PID:-} && $p == "$SERVICE_PID" ]] && continue
    n=$((n + 1))
  done
  echo "$n"
}
rss_mib() { ps -o rss= -p "$1" 2>/dev/null | awk '{ printf "%.0f", $1 / 1024 }'; }
log_size() { if [[ -f $1 ]]; then wc -c <"$1" | tr -d ' '; else echo 0; fi; }

app_build() { # when user-service's application jar was built
  local jar
  jar=$(ls -t "$ROOT"/user-service/target/quarkus-app/app/*.jar 2>/dev/null | head -1 || true)
  [[ -n $jar ]] && date -r "$jar" '+%Y-%m-%d %H:%M:%S' || true
}

LOAD_START=$(load_avg)
JVMS_START=$(other_jvms)
echo "Machine: $(nproc) cores, load average $LOAD_START, other JVMs running: $JVMS_START"
if [[ $JVMS_START -gt 0 ]]; then
  echo "  note: other Java processes are running (builds/tests?); figures will be lower than on a quiet machine."
fi

# ---------------------------------------------------------------- the stack
SERVICE_PID=""
STARTUP="n/a"
READY_SECS=""
BUILD_AT_START=""
FRESH=""
if [[ -n ${BENCH_BASE_URL:-} ]]; then
  BASE=${BENCH_BASE_URL%/}
  STATE=${BENCH_STATE_DIR:-$ROOT/.faraday}
  say "Using the running service at $BASE"
  port=$(sed -E 's#^[a-z]+://[^:/]+:?([0-9]*).*#\1#' <<<"$BASE"); port=${port:-80}
  if [[ $BASE =~ ://(localhost|127\.0\.0\.1)[:/] ]] && command -v ss >/dev/null; then
    SERVICE_PID=$(ss -Htlnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
  fi
  LOG=$STATE/logs/user-service.log
  if [[ -f $LOG ]]; then
    STARTUP=$(grep -o "started in [0-9.]*s. Listening on: http://[^ ]*:$port" "$LOG" | tail -1 \
      | sed -E 's/started in ([0-9.]*)s.*/\1/' || true)
    STARTUP=${STARTUP:-n/a}
  fi
  LOG_START=$(log_size "$LOG")
else
  case $STACK in
    project)
      HOME_DIR=$ROOT
      PORT=${FARADAY_PORT:-8080}
      CMD=("$ROOT/run.sh")
      ;;
    isolated)
      # A second stack beside a developer's running one: its own .faraday (database, passwords, keys)
      # and its own ports; uses the jars already built.
      HOME_DIR=$BENCH_DIR/.stack
      export FARADAY_PORT=${FARADAY_PORT:-18080} FARADAY_DB_PORT=${FARADAY_DB_PORT:-25432}
      PORT=$FARADAY_PORT
      for jar in local-stack/target/local-stack.jar user-service/target/quarkus-app/quarkus-run.jar; do
        [[ -f $ROOT/$jar ]] || die "$jar is missing; build first (./run.sh or ./mvnw -DskipTests install)"
      done
      if [[ ${BENCH_FRESH:-} == 1 && -d $HOME_DIR/.faraday ]]; then
        echo "BENCH_FRESH=1: deleting $HOME_DIR/.faraday (database, passwords, keys of the isolated stack)"
        rm -rf "$HOME_DIR/.faraday"
      fi
      mkdir -p "$HOME_DIR"
      ln -sfn ../../local-stack "$HOME_DIR/local-stack"
      ln -sfn ../../user-service "$HOME_DIR/user-service"
      CMD=(java -jar local-stack/target/local-stack.jar)
      ;;
    *) die "BENCH_STACK must be 'project' or 'isolated'" ;;
  esac
  STATE=$HOME_DIR/.faraday
  DB_PORT=${FARADAY_DB_PORT:-15432}
  BASE=http://127.0.0.1:$PORT
  if port_in_use "$PORT" || { [[ -z ${FARADAY_DB_URL:-} ]] && port_in_use "$DB_PORT"; }; then
    die "port $PORT or $DB_PORT is already in use (a stack is running?). Stop it, or benchmark it with
  BENCH_BASE_URL=http://127.0.0.1:$PORT bench/run.sh, or run a second stack with BENCH_STACK=isolated."
  fi
  [[ -d $STATE/pgdata ]] || FRESH=1
  LOG=$STATE/logs/user-service.log
  LOG_START=$(log_size "$LOG")
  [[ -z ${FARADAY_DB_URL:-} ]] && PG_PID_FILE=$STATE/pgdata/postmaster.pid

  say "Starting the stack ($STACK: ${CMD[*]} in $HOME_DIR; console: $RUN_DIR/stack.log)"
  # setsid: the stack gets its own session and process group, so a Ctrl-C in this terminal reaches only
  # this script, which then stops the stack in order. setsid forks only when it runs as a group leader
  # (job control on); then the launcher is its child.
  (cd "$HOME_DIR" && exec setsid -w "${CMD[@]}" >"$RUN_DIR/stack.log" 2>&1 </dev/null) &
  LAUNCHER=$!
  LAUNCHER=$(session_leader "$LAUNCHER")
  started=$SECONDS
  until curl -fsS -o /dev/null -m 2 "$BASE/q/health/ready" 2>/dev/null; do
    if ! kill -0 "$LAUNCHER" 2>/dev/null; then
      tail -40 "$RUN_DIR/stack.log" >&2
      LAUNCHER=""
      die "the stack exited while starting (console above)"
    fi
    (( SECONDS - started < START_TIMEOUT )) || die "not ready after $START_TIMEOUT s"
    sleep 1
  done
  BUILD_AT_START=$(app_build)  # after run.sh's build, if it did one
  READY_SECS=$((SECONDS - started))
  echo "Ready after $READY_SECS s (wall clock: any build run.sh did, PostgreSQL, user-service)"
  SERVICE_PID=$(pgrep -P "$LAUNCHER" -f quarkus-run.jar | head -1 || true)
  STARTUP=$(tail -c "+$((LOG_START + 1))" "$LOG" | grep -o 'started in [0-9.]*s' | tail -1 \
    | sed -E 's/started in ([0-9.]*)s/\1/' || true)
  STARTUP=${STARTUP:-n/a}
fi
LOG_READY=$(log_size "$LOG")
RSS_START=n/a
[[ -n $SERVICE_PID ]] && RSS_START=$(rss_mib "$SERVICE_PID")
echo "user-service pid ${SERVICE_PID:-unknown}, started in ${STARTUP} s, RSS ${RSS_START} MiB"

# ---------------------------------------------------------------- accounts and a sanity check
PASSWORD=${BENCH_PASSWORD:-}
if [[ -z $PASSWORD ]]; then
  [[ -r $STATE/secrets.properties ]] \
    || die "no $STATE/secrets.properties; set BENCH_PASSWORD to the demo teacher password"
  PASSWORD=$(grep '^demo.teacher-password=' "$STATE/secrets.properties" | cut -d= -f2- || true)
  [[ -n $PASSWORD ]] || die "demo.teacher-password not found in $STATE/secrets.properties"
fi
EMAILS=$(grep -v '^#' "$SEED_CSV" | awk -F';' '$3 !~ /admin/ && $1 != "" { print $1 }' \
  | head -n "$ACCOUNTS" | paste -sd, -)
N_EMAILS=$(tr ',' '\n' <<<"$EMAILS" | wc -l | tr -d ' ')
FIRST_EMAIL=${EMAILS%%,*}

login() { # email -> prints the access token; fails unless 200
  local body code
  body=$(curl -sS -m 30 -w '\n%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login") || return 1
  code=${body##*$'\n'}
  [[ $code == 200 ]] || { echo "login of $1 answered $code: ${body%$'\n'*}" >&2; return 1; }
  sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p' <<<"${body%$'\n'*}"
}
TOKEN=$(login "$FIRST_EMAIL") || die "the sanity login failed: a benchmark of 401s is worthless"
[[ -n $TOKEN ]] || die "the login answered no accessToken"
me_code=$(curl -sS -m 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/users/me")
[[ $me_code == 200 ]] || die "GET /api/v1/users/me answered $me_code with a fresh token"
echo "Sanity check: login of $FIRST_EMAIL 200, /users/me 200; sign-ins cycle over $N_EMAILS teachers"

# ---------------------------------------------------------------- wrk runs
export BENCH_PASSWORD=$PASSWORD BENCH_EMAILS=$EMAILS
declare -A R  # results: R[<run>.<field>]

wrk_run() { # name mode threads connections seconds url -- runs wrk, keeps its output, parses BENCH_RESULT
  local name=$1 mode=$2 t=$3 c=$4 d=$5 url=$6 out=$RUN_DIR/$1.txt
  BENCH_MODE=$mode wrk -t"$t" -c"$c" -d"${d}s" --timeout "$TIMEOUT" --latency -s "$BENCH_DIR/wrk.lua" "$url" \
    >"$out" 2>&1 || true
  parse_result "$name"
}
parse_result() {
  local name=$1 line kv
  line=$(grep '^BENCH_RESULT ' "$RUN_DIR/$name.txt" | tail -1 || true)
  if [[ -z $line ]]; then cat "$RUN_DIR/$name.txt" >&2; die "wrk run '$name' printed no result"; fi
  for kv in ${line#BENCH_RESULT }; do R[$name.${kv%%=*}]=${kv#*=}; done
  # A 503 is a sign-in shed because the bcrypt queue was full: expected under overload, reported apart.
  R[$name.bad]=$(( R[$name.requests] - R[$name.s2xx] - ${R[$name.s503]:-0} ))
  R[$name.errors]=$(( R[$name.err_connect] + R[$name.err_read] + R[$name.err_write] + R[$name.err_timeout] ))
}
show() { # name: the wrk output without our line
  grep -v '^BENCH_RESULT' "$RUN_DIR/$1.txt" | sed 's/^/  /'
  if (( R[$1.bad] > 0 || R[$1.errors] > 0 )); then
    echo "  !! ${R[$1.bad]} answers were not 2xx (401: ${R[$1.s401]}, 429: ${R[$1.s429]}, 5xx: ${R[$1.s5xx]});" \
      "socket errors: connect ${R[$1.err_connect]}, read ${R[$1.err_read]}," \
      "write ${R[$1.err_write]}, timeout ${R[$1.err_timeout]}"
  fi
}
# After a run, wrk's last in-flight requests are abandoned but their bcrypt work still runs on the
# server: wait until the service is idle again so it does not slow the next run down.
settle() {
  if [[ -z $SERVICE_PID || ! -r /proc/$SERVICE_PID/stat ]]; then sleep 3; return; fi
  local hz last now i
  hz=$(getconf CLK_TCK)
  ticks() { awk '{ print $14 + $15 }' "/proc/$SERVICE_PID/stat"; }
  last=$(ticks)
  for i in $(seq 30); do
    sleep 1
    now=$(ticks)
    (( (now - last) * 10 < hz )) && return  # under 10 % of one core during the last second
    last=$now
  done
  echo "  (the service was still busy 30 s after the run)"
}

# CPU accounting per run, to tell a quiet machine from a busy one: the whole machine (/proc/stat), the
# stack (user-service and its PostgreSQL, when local) and this script's children (wrk, curl).
HZ=$(getconf CLK_TCK)
PG_PID=""
[[ -n ${PG_PID_FILE:-} && -r ${PG_PID_FILE:-} ]] && PG_PID=$(head -1 "$PG_PID_FILE")
[[ -z $PG_PID && -r $STATE/pgdata/postmaster.pid && -n $SERVICE_PID ]] \
  && PG_PID=$(head -1 "$STATE/pgdata/postmaster.pid")
proc_ticks() { # utime + stime of the given pids
  local p t=0 v
  for p in "$@"; do
    v=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }') || v=0
    t=$(( t + ${v:-0} ))
  done
  echo "$t"
}
cpu_sample() { # -> "machine_busy machine_total stack client" in clock ticks; not in a subshell ($(...))
  local stack_pids=() busy total client
  times >"$RUN_DIR/times" # the builtin, in this shell: its second line is the CPU time of finished children
  [[ -n $SERVICE_PID ]] && stack_pids+=("$SERVICE_PID")
  if [[ -n $PG_PID ]]; then stack_pids+=("$PG_PID"); stack_pids+=($(pgrep -P "$PG_PID" || true)); fi
  read -r busy total < <(awk '/^cpu / { t = $2+$3+$4+$5+$6+$7+$8+$9; print t - $5 - $6, t }' /proc/stat)
  client=$(tail -1 "$RUN_DIR/times" | awk -v hz="$HZ" '{ split($1, u, /[ms]/); split($2, s, /[ms]/);
    printf "%d", ((u[1]*60+u[2]) + (s[1]*60+s[2])) * hz }')
  CPU_SAMPLE="$busy $total $(proc_ticks "${stack_pids[@]}") $client"
}
declare -A CPU
cpu_begin() { cpu_sample; CPU[$1.begin]=$CPU_SAMPLE; }
cpu_end() { # name -> CPU[name] = "stack client other" in cores
  local b e
  cpu_sample
  read -r -a b <<<"${CPU[$1.begin]}"; read -r -a e <<<"$CPU_SAMPLE"
  CPU[$1]=$(awk -v n="$(nproc)" -v db="$(( e[0] - b[0] ))" -v dt="$(( e[1] - b[1] ))" \
    -v ds="$(( e[2] - b[2] ))" -v dc="$(( e[3] - b[3] ))" 'BEGIN {
      wall = dt / n; if (wall <= 0) { print "n/a n/a n/a"; exit }
      all = db / wall; st = ds / wall; cl = dc / wall; o = all - st - cl; if (o < 0) o = 0
      printf "%.2f %.2f %.2f", st, cl, o }')
}

LOGIN_URL=$BASE/api/v1/auth/login
ME_URL=$BASE/api/v1/users/me

if (( WARMUP_LOGIN > 0 )); then
  say "Warm-up: ${WARMUP_LOGIN} s of sign-ins (not reported)"
  wrk_run warmup-login login "$LOGIN_T" "$LOGIN_C" "$WARMUP_LOGIN" "$LOGIN_URL"
  (( R[warmup-login.bad] == 0 )) || { show warmup-login; die "sign-ins fail during the warm-up"; }
  (( R[warmup-login.requests] > 0 )) || echo "  (no sign-in completed within the warm-up: each takes long here)"
  echo "  ${R[warmup-login.requests]} sign-ins, $(printf '%.1f' "${R[warmup-login.rps]}")/s"
  settle
fi
if (( WARMUP_ME > 0 )); then
  say "Warm-up: ${WARMUP_ME} s of /users/me (not reported)"
  BENCH_TOKEN=$TOKEN wrk_run warmup-me me "$ME_T" "$ME_C" "$WARMUP_ME" "$ME_URL"
  (( R[warmup-me.bad] == 0 )) || { show warmup-me; die "/users/me fails during the warm-up"; }
  echo "  ${R[warmup-me.requests]} requests, $(printf '%.0f' "${R[warmup-me.rps]}")/s"
  settle
fi

MARKS=("sanity check and warm-up:$LOG_READY")
mark() { MARKS+=("$1:$(log_size "$LOG")"); }

mark "a) login alone"
say "a) Sign-ins alone: wrk -t$LOGIN_T -c$LOGIN_C -d${DURATION}s POST /api/v1/auth/login"
cpu_begin a
wrk_run login login "$LOGIN_T" "$LOGIN_C" "$DURATION" "$LOGIN_URL"
cpu_end a
show login
settle

# The probe starts after the sign-ins have ramped up and ends before they stop.
OFFSET=$(( DURATION / 10 > 1 ? DURATION / 10 : 1 ))
PROBE_D=$(( DURATION - 2 * OFFSET ))
mark "b) /users/me probe alone"
say "b) baseline: the same /users/me probe alone (wrk -t$PROBE_T -c$PROBE_C, ${PROBE_D} s)"
TOKEN=$(login "$FIRST_EMAIL") || die "login failed"
cpu_begin b0
BENCH_TOKEN=$TOKEN wrk_run probe-alone me "$PROBE_T" "$PROBE_C" "$PROBE_D" "$ME_URL"
cpu_end b0
show probe-alone
settle

mark "b) login + /users/me"
say "b) /users/me (wrk -t$PROBE_T -c$PROBE_C, ${PROBE_D} s)" \
  "while sign-ins run again (wrk -t$LOGIN_T -c$LOGIN_C -d${DURATION}s)"
TOKEN=$(login "$FIRST_EMAIL") || die "login failed"
export BENCH_TOKEN=$TOKEN
cpu_begin b
BENCH_MODE=login wrk -t"$LOGIN_T" -c"$LOGIN_C" -d"${DURATION}s" --timeout "$TIMEOUT" --latency \
  -s "$BENCH_DIR/wrk.lua" "$LOGIN_URL" >"$RUN_DIR/login-busy.txt" 2>&1 &
BG_PIDS+=($!)
sleep "$OFFSET"
wrk_run probe me "$PROBE_T" "$PROBE_C" "$PROBE_D" "$ME_URL"
wait "${BG_PIDS[-1]}" || true
BG_PIDS=()
cpu_end b
parse_result login-busy
echo " /users/me during sign-ins:"; show probe
echo " the sign-ins meanwhile:"; show login-busy
settle

mark "c) /users/me alone"
say "c) /users/me alone: wrk -t$ME_T -c$ME_C -d${DURATION}s GET /api/v1/users/me"
TOKEN=$(login "$FIRST_EMAIL") || die "login failed"
cpu_begin c
BENCH_TOKEN=$TOKEN wrk_run me me "$ME_T" "$ME_C" "$DURATION" "$ME_URL"
cpu_end c
show me
settle

RSS_END=n/a
[[ -n $SERVICE_PID ]] && RSS_END=$(rss_mib "$SERVICE_PID")
LOAD_END=$(load_avg)
JVMS_END=$(other_jvms)

# ---------------------------------------------------------------- the service log
log_since() { [[ -f $LOG ]] && tail -c "+$(( $1 + 1 ))" "$LOG" | head -c "$(( $2 - $1 ))" || true; }
LOG_END=$(log_size "$LOG")
count() { grep -cE "$1" || true; }
LOG_NOTES=()
if [[ -f $LOG ]]; then
  MARKS=("startup:$LOG_START" "${MARKS[@]}" "end:$LOG_END")
  for (( i = 0; i < ${#MARKS[@]} - 1; i++ )); do
    text=$(log_since "${MARKS[i]##*:}" "${MARKS[i+1]##*:}")
    errors=$(count '^[0-9:,]+ ERROR' <<<"$text"); warns=$(count '^[0-9:,]+ WARN' <<<"$text")
    blocked=$(count 'has been blocked for' <<<"$text")
    LOG_NOTES+=("${MARKS[i]%:*}: $errors ERROR, $warns WARN, $blocked blocked-thread lines")
  done
  LOG_NOTES+=("most frequent (request ids elided):")
  while IFS= read -r l; do
    [[ -n $l ]] && LOG_NOTES+=("  $(cut -c1-230 <<<"$l")")
  done < <(log_since "$LOG_START" "$LOG_END" | grep -E '^[0-9:,]+ (ERROR|WARN)|has been blocked for' \
    | sed -E 's/^[0-9:,]+ //; s/\[[0-9a-f-]{36}\]/[..]/g; s/error id: [0-9a-f-]+/error id: ../;
      s/eventloop-thread-[0-9]+/eventloop-thread-N/' \
    | sort | uniq -c | sort -rn | head -6)
fi

# ---------------------------------------------------------------- summary
ms() { awk -v v="$1" 'BEGIN { if (v >= 1000) printf "%.2f s", v / 1000; else if (v >= 10) printf "%.0f ms", v;
  else printf "%.1f ms", v }'; }
row() { # label name
  local n=$2 flag=""
  (( R[$n.bad] > 0 || R[$n.errors] > 0 )) && flag=" **(${R[$n.bad]} non-2xx, ${R[$n.errors]} socket errors)**"
  local rps=${R[$n.rps]}
  if (( ${R[$n.s503]:-0} > 0 )); then # the rate that matters is of answers, not refusals
    rps=$(awk -v ok="${R[$n.s2xx]}" -v s="${R[$n.seconds]}" 'BEGIN { printf "%.2f", ok / s }')
    flag="$flag ${R[$n.s503]} shed (503 + Retry-After), not counted in Requests/s;"
  fi
  printf '| %s | %s | %s | %s | %s | %s%s |\n' "$1" "$(printf '%.1f' "$rps")" "$(ms "${R[$n.p50_ms]}")" \
    "$(ms "${R[$n.p99_ms]}")" "$(ms "${R[$n.max_ms]}")" "${R[$n.requests]}" "$flag"
}
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$ROOT" diff --quiet HEAD -- . ':!bench' 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
STAMP=$(date +%Y-%m-%d-%H%M)
SUMMARY=$(
  echo "# user-service benchmark, $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "- Commit $COMMIT; $(nproc) cores" \
    "($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'))," \
    "$(java -version 2>&1 | head -1)"
  if [[ -n ${BENCH_BASE_URL:-} ]]; then
    echo "- Service: $BASE (already running; startup figure from its log's last start)"
  else
    echo "- Service: started by bench/run.sh ($STACK stack)," \
      "bcrypt cost ${FARADAY_BCRYPT_COST:-12 (default)}" \
      "for new hashes${FRESH:+; first start: includes creating the database and seeding the demo accounts}"
  fi
  if [[ -z ${BENCH_BASE_URL:-} && -n $BUILD_AT_START ]]; then
    echo "- user-service build used: $BUILD_AT_START$([[ $(app_build) != "$BUILD_AT_START" ]] \
      && echo " (**rebuilt during the run**, at $(app_build))")"
  fi
  echo "- wrk closed loop (each connection waits for its answer), timeout $TIMEOUT;" \
    "warm-up ${WARMUP_LOGIN} s of sign-ins and ${WARMUP_ME} s" \
    "of /users/me${R[warmup-me.rps]:+ (averaging $(printf '%.0f' "${R[warmup-me.rps]}") req/s)};" \
    "sign-ins cycle over $N_EMAILS demo teachers"
  echo "- Load average before $LOAD_START, after $LOAD_END; other JVMs running before/after: $JVMS_START/$JVMS_END"
  echo
  echo "| Run | Requests/s | p50 | p99 | Max | Requests | |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  row "a) Login alone, -t$LOGIN_T -c$LOGIN_C, ${DURATION} s" login
  row "b) /users/me alone (baseline), -t$PROBE_T -c$PROBE_C, ${PROBE_D} s" probe-alone
  row "b) /users/me during logins, -t$PROBE_T -c$PROBE_C, ${PROBE_D} s" probe
  row "b) Login meanwhile, -t$LOGIN_T -c$LOGIN_C, ${DURATION} s" login-busy
  row "c) /users/me alone, -t$ME_T -c$ME_C, ${DURATION} s" me
  echo
  echo "CPU used during each run, in cores of $(nproc) (\"other\" is everything else on the machine:" \
    "builds, tests, other services; near 0 on a quiet machine):"
  echo
  echo "| Run | user-service + its PostgreSQL | wrk + curl | other |"
  echo "|---|---:|---:|---:|"
  for r in a b0 b c; do
    read -r st cl ot <<<"${CPU[$r]}"
    busy=""; awk -v o="$ot" 'BEGIN { exit !(o + 0 >= 0.25) }' && busy=" **busy**"
    label="$r)"; [[ $r == b0 ]] && label="b) baseline"
    echo "| $label | $st | $cl | $ot$busy |"
  done
  echo
  echo "| user-service (JVM mode) | |"
  echo "|---|---:|"
  echo "| Startup (Quarkus \"started in\") | ${STARTUP} s |"
  [[ -n $READY_SECS ]] \
    && echo "| Stack ready (wall clock from launch, incl. PostgreSQL and any build) | ${READY_SECS} s |"
  echo "| RSS after startup | ${RSS_START} MiB |"
  echo "| RSS after the runs | ${RSS_END} MiB |"
  if (( ${#LOG_NOTES[@]} > 0 )); then
    echo
    echo "Service log ($LOG):"
    echo
    printf '    %s\n' "${LOG_NOTES[@]}"
  fi
)
say "Summary"
echo "$SUMMARY"
mkdir -p "$RESULTS_DIR"
echo "$SUMMARY" >"$RESULTS_DIR/$STAMP.md"
echo
echo "Written to $RESULTS_DIR/$STAMP.md; raw wrk output in $RUN_DIR"

for n in login probe-alone probe login-busy me; do
  (( R[$n.bad] == 0 && R[$n.errors] == 0 )) \
    || { echo "bench: some answers were not 2xx or failed; see above" >&2; exit 3; }
done
