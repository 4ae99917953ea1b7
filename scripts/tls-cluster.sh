#!/usr/bin/env bash
# Starts a second, TLS-only PostgreSQL cluster for the TLS integration tests (never touches the
# machine's server on 5432). Idempotent: does nothing when the cluster already answers.
#   usage: scripts/tls-cluster.sh [start|stop]     (env: DATABRIDGE_TLS_DIR, DATABRIDGE_TLS_PORT)
# It makes, with openssl, in $DATABRIDGE_TLS_DIR (default /tmp/databridge-tls):
#   ca.crt/ca.key            the CA the server and client certificates are signed by
#   server.crt/server.key    CN=localhost, SAN DNS:localhost, IP:127.0.0.1 (not 127.0.0.2)
#   client.crt/client.key    CN=certuser, for `hostssl ... cert` authentication
#   other-ca.crt             an unrelated CA, for the wrong-CA test
# and a cluster on 127.0.0.1 and 127.0.0.2, port $DATABRIDGE_TLS_PORT (default 5450), ssl=on,
# whose pg_hba accepts only TLS: user certuser by client certificate, every other user by trust.
set -euo pipefail
dir=${DATABRIDGE_TLS_DIR:-/tmp/databridge-tls}
port=${DATABRIDGE_TLS_PORT:-5450}
major=$(ls /usr/lib/postgresql | sort -n | tail -n1)
bin=/usr/lib/postgresql/$major/bin
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }

if [ "${1:-start}" = stop ]; then
  [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast stop || true
  exit 0
fi
if pg_isready -h 127.0.0.1 -p "$port" -q 2>/dev/null; then
  echo "tls-cluster: already running on port $port ($dir)"; exit 0
fi

mkdir -p "$dir"
cd "$dir"
if [ ! -f client.key ]; then
  subject() { echo "/CN=$1"; }
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout ca.key -out ca.crt -subj "$(subject databridge-test-ca)" 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout other-ca.key -out other-ca.crt -subj "$(subject other-ca)" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "$(subject localhost)" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > server.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -out server.crt -extfile server.ext 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout client.key.pkcs1 -out client.csr -subj "$(subject certuser)" 2>/dev/null
  openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -out client.crt 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in client.key.pkcs1 -out client.key
  rm -f server.csr client.csr server.ext client.key.pkcs1 other-ca.key
  chmod 644 ./*.crt && chmod 600 client.key
fi

if [ ! -f data/PG_VERSION ]; then
  rm -rf data
  mkdir -p data && chown postgres:postgres data && chmod 700 data
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
  install -o postgres -g postgres -m 600 server.key data/server.key
  install -o postgres -g postgres -m 644 server.crt data/server.crt
  install -o postgres -g postgres -m 644 ca.crt data/ca.crt
  cat >> data/postgresql.conf <<CONF
listen_addresses = '127.0.0.1,127.0.0.2'
port = $port
unix_socket_directories = '$dir/data'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_ca_file = 'ca.crt'
max_connections = 40
shared_buffers = 32MB
log_connections = on
CONF
  cat > data/pg_hba.conf <<HBA
local   all all                trust
hostssl all certuser 127.0.0.1/32 cert
hostssl all certuser 127.0.0.2/32 cert
hostssl all all      127.0.0.1/32 trust
hostssl all all      127.0.0.2/32 trust
HBA
fi
chmod 755 "$dir"
as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w start >/dev/null
as_postgres "$bin/psql" -h "$dir/data" -p "$port" -U postgres -qAtc \
  "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'certuser') THEN CREATE ROLE certuser LOGIN; END IF;
   IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tlsuser') THEN CREATE ROLE tlsuser LOGIN PASSWORD 'tls-secret-pw'; END IF; END \$\$" postgres
echo "tls-cluster: running on port $port with ssl=on ($dir)"
