#!/usr/bin/env bash
# Benchmark of the gateway's overhead: an authenticated GET /api/v1/users/me straight to user-service,
# through the gateway, and through nginx as a plain reverse proxy, in the same run, on this machine.
# Starts the local stack (with a rate limit high enough never to refuse) and a private nginx.
# See bench/README.md ("Gateway overhead").
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
DURATION=${BENCH_DURATION:-30}
WARMUP=${BENCH_WARMUP:-15}
ROUNDS=${BENCH_ROUNDS:-2}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
NGINX_PORT=${BENCH_NGINX_PORT:-8090}
GATEWAY=http://127.0.0.1:${FARADAY_PORT:-8080}
DIRECT=http://127.0.0.1:${FARADAY_USER_SERVICE_PORT:-8081}
NGINX=http://127.0.0.1:$NGINX_PORT
RESULTS_DIR=${BENCH_RESULTS_DIR:-$BENCH_DIR/results}

say() { printf '\n== %s  [%s]\n' "$*" "$(date +%T)"; }
die() { echo "bench: $*" >&2; exit 1; }
# shellcheck source=bench/stack.sh
. "$BENCH_DIR/stack.sh"

install() { # a Debian package, when we may
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo apt-get install -y -qq "$@" >/dev/null
  else
    die "$* missing: install it (sudo apt-get install $*)"
  fi
}
command -v wrk >/dev/null || { echo "installing wrk"; install wrk; }
NGINX_BIN=$(command -v nginx || true)
[[ -n $NGINX_BIN ]] || [[ -x /usr/sbin/nginx ]] || { echo "installing nginx-light"; install nginx-light; }
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/faraday-gwbench.XXXXXX")
LAUNCHER=""
cleanup() {
  [[ -f $RUN_DIR/nginx.pid ]] && kill "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
  if [[ -n $LAUNCHER ]] && kill -0 "$LAUNCHER" 2>/dev/null; then
    kill -TERM "$LAUNCHER" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$LAUNCHER" 2>/dev/null || break; sleep 1; done
  fi
}
trap cleanup EXIT INT TERM

say "starting the local stack (rate limit raised so that it never refuses; it still runs)"
start_stack FARADAY_RATE_LIMIT_DEFAULT_QUOTA=10000000 FARADAY_RATE_LIMIT_DEFAULT_WINDOW=PT10000S
PASSWORD=$(demo_password)

say "starting nginx on $NGINX (keep-alive upstream to user-service, no access log)"
cat >"$RUN_DIR/nginx.conf" <<CONF
daemon on;
worker_processes auto;
pid $RUN_DIR/nginx.pid;
error_log $RUN_DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream users { server ${DIRECT#http://}; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://users;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
CONF
"$NGINX_BIN" -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"

TOKEN=$(curl -fs -X POST "$GATEWAY/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"maria.lopez@springfield.edu\",\"password\":\"$PASSWORD\"}" \
  | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
for base in "$DIRECT" "$GATEWAY" "$NGINX"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/users/me" -H "Authorization: Bearer $TOKEN")
  [[ $code == 200 ]] || die "$base/api/v1/users/me answered $code"
done

run() { # label base seconds
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3"s --latency -H "Authorization: Bearer $TOKEN" "$2/api/v1/users/me" \
    >"$RUN_DIR/$1.txt"
}
summary() { # file -> "req/s p50 p99 non-2xx"
  local f=$1
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5}
    END {printf "%s | %s | %s | %s", rps, p50, p99, (bad==""?0:bad)}' "$f"
}

say "warming up each path for ${WARMUP}s (the JIT keeps speeding up for a while)"
for target in direct:$DIRECT gateway:$GATEWAY nginx:$NGINX; do run "warm-${target%%:*}" "${target#*:}" "$WARMUP"; done

ROWS=""
for round in $(seq 1 "$ROUNDS"); do
  for target in direct:$DIRECT gateway:$GATEWAY nginx:$NGINX; do
    name=${target%%:*}
    say "round $round: $name, ${DURATION}s, $THREADS threads, $CONNECTIONS connections"
    run "$name-$round" "${target#*:}" "$DURATION"
    line=$(summary "$RUN_DIR/$name-$round.txt")
    echo "$line"
    ROWS+="| $round | $name | $line |"$'\n'
  done
done

mkdir -p "$RESULTS_DIR"
OUT=$RESULTS_DIR/$(date +%Y-%m-%d-%H%M)-gateway.md
{
  echo "# Gateway overhead, $(date -u +'%Y-%m-%d %H:%M UTC')"
  echo
  echo "Commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores" \
    "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per run after ${WARMUP}s of warm-up per path;" \
    "authenticated GET /api/v1/users/me."
  echo "nginx $("$NGINX_BIN" -v 2>&1 | sed 's/.*\///') with keep-alive to user-service;" \
    "the gateway with its in-memory rate limiter (quota raised)."
  echo
  echo "| round | path | req/s | p50 | p99 | non-2xx |"
  echo "|---:|---|---:|---:|---:|---:|"
  printf '%s' "$ROWS"
} >"$OUT"
cat "$OUT"
echo
echo "written to $OUT"
