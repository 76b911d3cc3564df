#!/usr/bin/env bash
# A throw-away Samba AD domain controller on loopback, for the AD provider's integration tests.
#
#   bash .ci/samba-dc.sh start   install Samba (Debian packages, as root) if missing, provision a fresh domain in
#                                $IDLE_AD_DIR, give it a TLS certificate for 127.0.0.1, start it, wait for LDAPS
#   bash .ci/samba-dc.sh env     print the test environment (export lines); source it: eval "$(... env)"
#   bash .ci/samba-dc.sh stop    stop the DC and remove its folder
#
# Everything (databases, smb.conf, certificates, pid, log) lives in $IDLE_AD_DIR (default /tmp/idle-samba-dc);
# nothing system-wide is configured. The DC listens on 127.0.0.1 only and serves only LDAP/LDAPS.
set -euo pipefail

DIR="${IDLE_AD_DIR:-/tmp/idle-samba-dc}"
REALM="IDLE.TEST"
DOMAIN="IDLETEST"          # NetBIOS name, at most 15 characters
HOST="idledc"
BASE_DN="DC=idle,DC=test"
ENV_FILE="$DIR/env"

log() { echo "samba-dc: $*" >&2; }

install_samba() {
  if command -v samba >/dev/null 2>&1 && command -v samba-tool >/dev/null 2>&1 \
      && [ -d /usr/share/samba/setup/ad-schema ]; then
    return
  fi
  if [ "$(id -u)" != "0" ]; then
    log "samba and samba-tool are missing and installing them needs root"; exit 1
  fi
  log "installing Samba AD DC packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    samba-ad-dc samba-ad-provision samba-common-bin ldb-tools openssl >/dev/null
}

make_certs() {
  local tls="$DIR/tls"
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=IdLE test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$HOST.${REALM,,}" \
    -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:$HOST.${REALM,,},DNS:$HOST" \
    > "$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 30 \
    -extfile "$tls/server.ext" -out "$tls/server.pem" 2>/dev/null
  chmod 600 "$tls/server.key" "$tls/ca.key"
}

write_env() {
  cat > "$ENV_FILE" <<ENV
export IDLE_AD_HOST=127.0.0.1
export IDLE_AD_PORT=636
export IDLE_AD_STARTTLS_PORT=389
export IDLE_AD_BASE_DN='$BASE_DN'
export IDLE_AD_DOMAIN='${REALM,,}'
export IDLE_AD_BIND_DN='CN=Administrator,CN=Users,$BASE_DN'
export IDLE_AD_BIND_UPN='Administrator@${REALM,,}'
export IDLE_AD_PASSWORD_FILE='$DIR/admin.pass'
export IDLE_AD_CA_FILE='$DIR/tls/ca.pem'
ENV
}

ldaps_up() {
  openssl s_client -connect 127.0.0.1:636 -CAfile "$DIR/tls/ca.pem" -verify_return_error -verify_ip 127.0.0.1 \
    </dev/null >/dev/null 2>&1
}

start() {
  if [ -f "$DIR/samba.pid" ] && kill -0 "$(cat "$DIR/samba.pid")" 2>/dev/null && ldaps_up; then
    log "already running ($DIR)"; write_env; cat "$ENV_FILE"; return
  fi
  install_samba
  local t0=$SECONDS
  rm -rf "$DIR"; mkdir -p "$DIR"; chmod 700 "$DIR"
  # a password meeting the domain's complexity rules; kept in a file only the test user reads
  printf 'Idle-%s-Dc1!' "$(openssl rand -hex 8)" > "$DIR/admin.pass"; chmod 600 "$DIR/admin.pass"
  make_certs
  log "provisioning $REALM in $DIR"
  samba-tool domain provision --targetdir="$DIR" --realm="$REALM" --domain="$DOMAIN" --host-name="$HOST" \
    --server-role=dc --dns-backend=NONE --use-rfc2307 --adminpass="$(cat "$DIR/admin.pass")" \
    --option="interfaces=lo" --option="bind interfaces only=yes" \
    --option="server services=ldap" \
    --option="tls enabled=yes" --option="tls keyfile=$DIR/tls/server.key" \
    --option="tls certfile=$DIR/tls/server.pem" --option="tls cafile=$DIR/tls/ca.pem" \
    --option="pid directory=$DIR/run" --option="log file=$DIR/samba.log" \
    >"$DIR/provision.log" 2>&1 || { log "provisioning failed:"; tail -20 "$DIR/provision.log" >&2; exit 1; }
  mkdir -p "$DIR/run"
  log "provisioned in $((SECONDS - t0))s; starting samba"
  setsid samba -s "$DIR/etc/smb.conf" -F --debug-stdout -d 1 >"$DIR/samba.out" 2>&1 < /dev/null &
  echo $! > "$DIR/samba.pid"
  for _ in $(seq 1 120); do
    if ldaps_up; then
      write_env
      log "LDAPS answers on 127.0.0.1:636 ($((SECONDS - t0))s in all)"
      cat "$ENV_FILE"
      return
    fi
    if ! kill -0 "$(cat "$DIR/samba.pid")" 2>/dev/null; then
      log "samba exited:"; tail -30 "$DIR/samba.out" >&2; exit 1
    fi
    sleep 1
  done
  log "LDAPS did not answer within 120s"; tail -30 "$DIR/samba.out" >&2; exit 1
}

stop() {
  if [ -f "$DIR/samba.pid" ]; then
    local pid; pid="$(cat "$DIR/samba.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$DIR"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) [ -f "$ENV_FILE" ] && cat "$ENV_FILE" || { log "not running ($DIR)"; exit 1; } ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 64 ;;
esac
