# Sourced by the bench scripts that start the project's stack. Needs ROOT, RUN_DIR, GATEWAY and die().
#
# start_stack [VAR=value ...]: ./run.sh in a session of its own (setsid, so Ctrl-C reaches only this
# script), the access log off and the given settings added; waits until the launcher says it is ready.
# Sets LAUNCHER, which the script's cleanup stops with SIGTERM.
start_stack() {
  curl -fs "$GATEWAY/q/health/ready" >/dev/null 2>&1 && die "something already answers on $GATEWAY; stop it first"
  env FARADAY_ACCESS_LOG=false "$@" setsid "$ROOT/run.sh" >"$RUN_DIR/stack.log" 2>&1 &
  LAUNCHER=$!
  for _ in $(seq 1 900); do
    grep -q "Press Ctrl-C" "$RUN_DIR/stack.log" 2>/dev/null && return 0
    kill -0 "$LAUNCHER" 2>/dev/null || { tail -20 "$RUN_DIR/stack.log"; die "the stack did not start"; }
    sleep 1
  done
  die "the stack was not ready after 900 s"
}

# The demo teacher's password, from the banner the launcher printed.
demo_password() {
  grep -oP 'maria.lopez@springfield.edu\s+\K\S+' "$RUN_DIR/stack.log" || die "no demo password in the banner"
}
