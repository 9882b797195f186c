#!/bin/bash
# Makes every secret an AYS deployment needs, once, in a folder that is never committed
# (docs/deploy.md, "Secrets"):
#
#   deploy/make-secrets.sh [--dir DIR] [--nodes node-1,node-2]
#
# DIR (default deploy/compose/secrets, what compose.yaml reads) gets:
#   kafka/<principal>.properties            Kafka client settings (SASL/SCRAM-SHA-512, random
#                                           password) of every principal of deploy/kafka/acls.txt:
#                                           ays-admin, ays-registry, ays-coordinator, ays-monitor,
#                                           ays-operator and node-<id> for each node
#   kafka/<principal>.librdkafka.properties the same for kcat -F
#   db-password, db.env                     the database password (one line; and as
#                                           AYS_DB_USER=... AYS_DB_PASSWORD=..., user $AYS_DB_USER
#                                           or ays)
#   signing.pem, signing.pub.pem            the coordinator's Ed25519 command-signing key pair
#   secrets.key                             the key that encrypts secret answers at rest
#   token-signing.pem, token-signing.pub.pem the RSA key pair of bearer tokens (replace the public
#                                           key by your identity provider's to use that instead)
#   node-keys/<id>.key, node-keys/public/<id>.pub each node's X25519 key pair for the secret values
#                                           the coordinator seals for it (raw key, base64): the
#                                           private key goes to that node's executor only, the
#                                           public folder to the coordinator
# An existing file is kept: run it again after adding a node. Rotate a secret by deleting its file
# and running it again (docs/security.md says what each rotation takes). Nothing is printed but
# file names. Needs bash and openssl.
#
# The folder is mode 0700, so no other user of this host can read into it; the files are 0644 so
# that the containers' own users (uid 10001 for the services, 10002 for Kafka) can read the ones
# mounted into them as compose secrets (bind mounts of these files).
set -euo pipefail

dir=$(cd "$(dirname "$0")" && pwd)/compose/secrets
nodes=node-1,node-2
while [ $# -gt 0 ]; do
  case $1 in
    --dir) dir=$2; shift 2 ;;
    --nodes) nodes=$2; shift 2 ;;
    -h | --help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "make-secrets: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v openssl >/dev/null || { echo "make-secrets: needs openssl" >&2; exit 2; }

umask 022
mkdir -p "$dir/kafka"
chmod 700 "$dir"

made() { echo "  made $1"; }
# 32 random bytes in hex: nothing a properties, JAAS or env file would need escaped.
password() { openssl rand -hex 32; }

kafka_principal() {
  local principal=$1 file="$dir/kafka/$1.properties" secret
  [[ $principal =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$ ]] ||
    { echo "make-secrets: '$principal' is not a valid principal name (node ids: a-z 0-9 _ -)" >&2; exit 2; }
  if [ ! -f "$file" ]; then
    secret=$(password)
    cat >"$file" <<EOF
# Kafka client settings of the AYS principal $principal (docs/security.md, "Kafka").
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$principal" password="$secret";
EOF
    made "$file"
  fi
  if [ ! -f "$dir/kafka/$principal.librdkafka.properties" ]; then
    secret=$(sed -n 's/.*password="\([^"]*\)".*/\1/p' "$file")
    cat >"$dir/kafka/$principal.librdkafka.properties" <<EOF
# librdkafka (kcat -F) settings of the AYS principal $principal (docs/security.md, "Kafka").
security.protocol=$(sed -n 's/^security\.protocol=//p' "$file")
sasl.mechanisms=SCRAM-SHA-512
sasl.username=$principal
sasl.password=$secret
EOF
    made "$dir/kafka/$principal.librdkafka.properties"
  fi
}

for principal in ays-admin ays-registry ays-coordinator ays-monitor ays-operator; do
  kafka_principal "$principal"
done
IFS=, read -r -a node_ids <<<"$nodes"
for node in "${node_ids[@]}"; do
  kafka_principal "node-$node"
done

if [ ! -f "$dir/db-password" ]; then
  password >"$dir/db-password"
  made "$dir/db-password"
fi
if [ ! -f "$dir/db.env" ]; then
  printf 'AYS_DB_USER=%s\nAYS_DB_PASSWORD=%s\n' "${AYS_DB_USER:-ays}" "$(cat "$dir/db-password")" >"$dir/db.env"
  made "$dir/db.env"
fi

if [ ! -f "$dir/signing.pem" ]; then
  openssl genpkey -algorithm ed25519 -out "$dir/signing.pem"
  openssl pkey -in "$dir/signing.pem" -pubout -out "$dir/signing.pub.pem"
  made "$dir/signing.pem (and signing.pub.pem)"
fi
if [ ! -f "$dir/secrets.key" ]; then
  openssl rand -base64 32 >"$dir/secrets.key"
  made "$dir/secrets.key"
fi
if [ ! -f "$dir/token-signing.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/token-signing.pem" 2>/dev/null
  openssl pkey -in "$dir/token-signing.pem" -pubout -out "$dir/token-signing.pub.pem"
  made "$dir/token-signing.pem (and token-signing.pub.pem)"
fi
# X25519 keys as the executor and coordinator read them: the raw 32 bytes, base64, taken from the
# end of openssl's DER encodings (PKCS#8 private key, SubjectPublicKeyInfo public key).
node_key() {
  local node=$1 key="$dir/node-keys/$1.key" pub="$dir/node-keys/public/$1.pub" der
  mkdir -p "$dir/node-keys/public"
  if [ ! -f "$key" ]; then
    der=$(mktemp)
    openssl genpkey -algorithm X25519 -outform DER -out "$der"
    tail -c 32 "$der" | base64 >"$key"
    openssl pkey -inform DER -in "$der" -pubout -outform DER | tail -c 32 | base64 >"$pub"
    rm -f "$der"
    made "$key (and public/$node.pub)"
  fi
}
for node in "${node_ids[@]}"; do
  node_key "$node"
done

chmod 644 "$dir"/*.pem "$dir"/secrets.key "$dir"/db-password "$dir"/db.env "$dir"/kafka/* "$dir"/node-keys/*.key "$dir"/node-keys/public/*
echo "secrets in $dir (kept out of git; back up secrets.key: a lost key loses the secret answers)"
