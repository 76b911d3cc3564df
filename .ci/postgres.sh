#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback, for the distributed runner's tests (idle-runner-dbos).
#
#   bash .ci/postgres.sh start   install PostgreSQL (Debian packages, as root) if missing, create a fresh cluster in
#                                $IDLE_PG_DIR owned by the 'postgres' user (initdb refuses root), start it on a free
#                                loopback port, create the test database and role
#   bash .ci/postgres.sh env     print the test environment (export lines); source it: eval "$(... env)"
#   bash .ci/postgres.sh stop    stop the cluster and remove its folder
#
# Everything (data, socket, log, password file) lives in $IDLE_PG_DIR (default /tmp/idle-postgres); nothing
# system-wide is configured. The cluster listens on 127.0.0.1 only; the test role's password is random per cluster
# and reaches the tests through a file (IDLE_PG_PASSWORD_FILE), never on a command line. When openssl is there, the
# cluster also speaks TLS with a throw-away CA made for it (certificate for localhost and 127.0.0.1): env then adds
# IDLE_PG_TLS_CA, the CA file a client verifies the server with (sslmode=verify-full&sslrootcert=...).
set -euo pipefail

DIR="${IDLE_PG_DIR:-/tmp/idle-postgres}"
ENV_FILE="$DIR/env"
DB="idle"
ROLE="idle"

log() { echo "postgres: $*" >&2; }

bin_dir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  return 1
}

install_postgres() {
  if bin_dir >/dev/null; then
    return
  fi
  if [ "$(id -u)" != "0" ]; then
    log "PostgreSQL is missing and installing it needs root"; exit 1
  fi
  log "installing PostgreSQL packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends postgresql >/dev/null
}

# Runs a command as the cluster's owner: 'postgres' when we are root (initdb and postgres refuse root), else us.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo 55432
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

start() {
  install_postgres
  local bin port password
  bin="$(bin_dir)"
  stop_quietly
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s' "$password" > "$DIR/password"
  chmod 600 "$DIR/password"
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown -R postgres "$DIR"
  fi
  port="$(free_port)"
  local tls_opts="" tls_env=""
  if make_tls "$DIR/tls"; then
    tls_opts="-c ssl=on -c ssl_cert_file=$DIR/tls/server.pem -c ssl_key_file=$DIR/tls/server.key"
    tls_env="export IDLE_PG_TLS_CA='$DIR/tls/ca.pem'"
  fi
  as_owner "$bin/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >/dev/null
  as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $DIR -c max_connections=200 $tls_opts" start >/dev/null
  as_owner "$bin/psql" -h "$DIR" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE $ROLE LOGIN PASSWORD '$password'" -c "CREATE DATABASE $DB OWNER $ROLE" >/dev/null
  cat > "$ENV_FILE" <<ENV
export IDLE_PG_URL='jdbc:postgresql://127.0.0.1:$port/$DB'
export IDLE_PG_USER='$ROLE'
export IDLE_PG_PASSWORD_FILE='$DIR/password'
$tls_env
ENV
  log "started on 127.0.0.1:$port (data in $DIR)"
}

# A throw-away CA and a server certificate it signed, for localhost and 127.0.0.1; the key readable by the owner only.
make_tls() {
  local d="$1"
  command -v openssl >/dev/null 2>&1 || { log "openssl not found: the cluster speaks no TLS"; return 1; }
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=idle test CA" \
    -keyout "$d/ca.key" -out "$d/ca.pem" >/dev/null 2>&1 || return 1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$d/server.key" -out "$d/server.csr" \
    >/dev/null 2>&1 || return 1
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$d/san.ext"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
    -extfile "$d/san.ext" -out "$d/server.pem" >/dev/null 2>&1 || return 1
  rm -f "$d/ca.key" "$d/server.csr"
  chmod 600 "$d/server.key"
  chmod 644 "$d/ca.pem" "$d/server.pem"
  if [ "$(id -u)" = "0" ]; then
    chown -R postgres "$d"
  fi
}

stop_quietly() {
  local bin
  bin="$(bin_dir 2>/dev/null)" || return 0
  if [ -f "$DIR/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  env) cat "$ENV_FILE" ;;
  stop) stop_quietly; log "stopped" ;;
  *) echo "usage: $0 start|env|stop" >&2; exit 64 ;;
esac
