#!/usr/bin/env bash
# Distributed runs on one machine: a throw-away PostgreSQL, two `idle worker`s and one `idle submit` of three leavers
# against the embedded mock provider; prints the results records and the status of one request, then stops
# everything it started and removes the database. Needs: Maven and a JDK 17 (the `idle` launcher builds the CLI),
# and PostgreSQL's server binaries (.ci/postgres.sh installs Debian's package when run as root).
#
#   bash examples/distributed/run.sh
#
# Nothing here is a secret: the database password is random, lives in a 0600 file inside the throw-away cluster's
# folder and reaches the workers by file (--db-password-file), never on a command line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
idle="$root/idle"
logs="$(mktemp -d "${TMPDIR:-/tmp}/idle-distributed-logs.XXXXXX")"
# its own cluster folder (not the default of the tests), created and owned by .ci/postgres.sh
export IDLE_PG_DIR="${TMPDIR:-/tmp}/idle-distributed-pg.$$"
workers=()

cleanup() {
  local pid
  for pid in "${workers[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${workers[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  bash "$root/.ci/postgres.sh" stop || true
  echo "worker logs: $logs"
}
trap cleanup EXIT

bash "$root/.ci/postgres.sh" start
eval "$(bash "$root/.ci/postgres.sh" env)"
db=(--db "$IDLE_PG_URL" --db-user "$IDLE_PG_USER" --db-password-file "$IDLE_PG_PASSWORD_FILE")

# builds the CLI once, before two workers start at the same time, and checks workflow and host together
"$idle" validate --workflow "$here/leaver.psd1" --host "$here/host.yaml"

for n in 1 2; do
  "$idle" worker --host "$here/host.yaml" "${db[@]}" --concurrency 4 --executor-id "example-worker-$n" \
    >"$logs/worker-$n.log" 2>&1 &
  workers+=("$!")
done

# a client needs the tables the first worker creates: wait until one is up
for _ in $(seq 1 120); do
  if "$idle" status --scheduled "${db[@]}" >/dev/null 2>&1; then
    break
  fi
  sleep 1
done

# the submission carries the workflow; the workers hold only the host (providers and secrets)
"$idle" submit --workflow "$here/leaver.psd1" --requests "$here/leavers.jsonl" --id example-leavers "${db[@]}"

results="$logs/results.jsonl"
for _ in $(seq 1 120); do
  "$idle" results --submission example-leavers "${db[@]}" >"$results" || true
  if [ "$(grep -c '"correlationId":"example-leaver-' "$results" || true)" -ge 3 ]; then
    break
  fi
  sleep 1
done

echo "--- results records (one JSON line per request):"
cat "$results"
echo "--- status of one request:"
"$idle" status example-leaver-jdoe "${db[@]}"

if [ "$(grep -c '"status":"Completed"' "$results" || true)" -lt 3 ]; then
  echo "run.sh: not every leaver completed; see $logs" >&2
  exit 1
fi
echo "run.sh: 3 leavers completed by 2 workers"
