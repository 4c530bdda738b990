#!/usr/bin/env bash
# Starts the whole Faraday stack locally; Ctrl-C stops it. See docs/local-stack.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# A Maven build without changes still takes most of a minute (Quarkus repackages every time), so build
# only when some file outside target/ and the hidden folders changed since this script's last build.
# FARADAY_BUILD=always forces one.
stamp=local-stack/target/run-sh.stamp
changed() {
  [[ ! -f "$stamp" ]] || [[ -n "$(find . -name '.?*' -prune -o -name target -prune -o -name '*.md' -o \
    -type f -newer "$stamp" -print -quit)" ]]
}
if [[ "${FARADAY_BUILD:-}" == always ]] || changed; then
  mkdir -p local-stack/target
  touch "$stamp.next" # taken before the build, so that edits made during it trigger the next one
  ./mvnw -q -B -DskipTests install
  mv "$stamp.next" "$stamp"
fi

exec java -jar local-stack/target/local-stack.jar "$@"
