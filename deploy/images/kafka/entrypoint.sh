#!/bin/bash
# Entry point of the local Kafka image: "broker" or "topics ..." (see the Dockerfile).
set -euo pipefail
CP='/opt/kafka/lib/*'
QUIET=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient=error)

ACLS=/opt/kafka/acls.txt

# setup --bootstrap HOST:PORT --admin-config FILE --credentials-dir DIR --nodes n1,n2 [--partitions N]
# [--replication-factor N]: the AYS topics, then every principal's SCRAM credential and ACLs
# (acls.txt) from the client settings files in DIR (<principal>.properties, read, never written).
setup() {
  local bootstrap='' admin='' dir='' nodes='' topic_opts=()
  while [ $# -gt 0 ]; do
    case $1 in
      --bootstrap) bootstrap=$2 ;;
      --admin-config) admin=$2 ;;
      --credentials-dir) dir=$2 ;;
      --nodes) nodes=$2 ;;
      --partitions | --replication-factor | --timeout-seconds) topic_opts+=("$1" "$2") ;;
      *) echo "setup: unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
  done
  for opt in bootstrap admin dir nodes; do
    [ -n "${!opt}" ] || { echo "setup: --bootstrap, --admin-config, --credentials-dir and --nodes are required" >&2; exit 2; }
  done
  java "${QUIET[@]}" -cp "$CP" io.ays.local.TopicSetup --bootstrap "$bootstrap" \
    --client-config "$admin" --nodes "$nodes" "${topic_opts[@]}"
  exec java "${QUIET[@]}" -cp "$CP" io.ays.local.KafkaAccess --bootstrap "$bootstrap" \
    --admin-config "$admin" --manifest "$ACLS" --credentials-dir "$dir" --nodes "$nodes" \
    --make-missing-credentials false
}

case ${1:-broker} in
  topics)
    shift
    exec java "${QUIET[@]}" -cp "$CP" io.ays.local.TopicSetup "$@"
    ;;
  setup)
    shift
    setup "$@"
    ;;
  broker) ;;
  *) exec "$@" ;;
esac

# The broker takes SASL/SCRAM-SHA-512 clients only and refuses what acls.txt does not allow. Its
# admin principal (super user; the broker authenticates itself with it) comes from a Kafka client
# settings file with a ScramLoginModule username and password, e.g. a mounted Secret.
admin_config=${KAFKA_ADMIN_CONFIG:-}
if [ -z "$admin_config" ] || [ ! -r "$admin_config" ]; then
  echo "KAFKA_ADMIN_CONFIG: name the readable client settings file of the Kafka admin principal (got '${admin_config}'); deploy/README.md says how to make it" >&2
  exit 2
fi
jaas=$(sed -n 's/^sasl\.jaas\.config=//p' "$admin_config")
admin=$(printf '%s' "$jaas" | sed -n 's/.*username="\([^"]*\)".*/\1/p')
password=$(printf '%s' "$jaas" | sed -n 's/.*password="\([^"]*\)".*/\1/p')
if [ -z "$admin" ] || [ -z "$password" ]; then
  echo "$admin_config: sasl.jaas.config must name the admin's username and password (ScramLoginModule)" >&2
  exit 2
fi
# SASL_PLAINTEXT, or SASL_SSL with the broker's key store given as KAFKA_CFG_SSL_KEYSTORE_* (and a
# trust store holding its CA, KAFKA_CFG_SSL_TRUSTSTORE_*, since the broker is its own client).
protocol=${KAFKA_SECURITY_PROTOCOL:-SASL_PLAINTEXT}
case $protocol in
  SASL_PLAINTEXT | SASL_SSL) ;;
  *) echo "KAFKA_SECURITY_PROTOCOL: SASL_PLAINTEXT or SASL_SSL, got '$protocol'" >&2; exit 2 ;;
esac

port=${KAFKA_PORT:-9092}
cport=${KAFKA_CONTROLLER_PORT:-9093}
host=${KAFKA_LISTEN_HOST:-0.0.0.0}
adv=${KAFKA_ADVERTISED_HOST:-$(hostname)}
node=${KAFKA_NODE_ID:-1}
data=/var/lib/kafka/data

# A second client listener, EXTERNAL, for clients that cannot resolve or reach the advertised host
# (clients on a Docker host, outside compose's network): it listens on KAFKA_EXTERNAL_PORT and is
# advertised as KAFKA_EXTERNAL_ADVERTISED (host:port, default 127.0.0.1:KAFKA_EXTERNAL_PORT, i.e.
# the host side of a published port). Same protocol and SCRAM principals as the first listener.
listeners="CLIENT://$host:$port"
advertised="CLIENT://$adv:$port"
protocols="CLIENT:$protocol"
external=${KAFKA_EXTERNAL_PORT:-}
if [ -n "$external" ]; then
  [[ $external =~ ^[0-9]{1,5}$ ]] || { echo "KAFKA_EXTERNAL_PORT: a port number, got '$external'" >&2; exit 2; }
  ext_adv=${KAFKA_EXTERNAL_ADVERTISED:-127.0.0.1:$external}
  [[ $ext_adv =~ ^[A-Za-z0-9._-]+:[0-9]{1,5}$ ]] ||
    { echo "KAFKA_EXTERNAL_ADVERTISED: host:port, got '$ext_adv'" >&2; exit 2; }
  listeners="$listeners,EXTERNAL://$host:$external"
  advertised="$advertised,EXTERNAL://$ext_adv"
  protocols="$protocols,EXTERNAL:$protocol"
fi
conf=/var/lib/kafka/server.properties

# It holds the admin's password: readable by the kafka user only.
(umask 077 && cat >"$conf") <<CONF
# Written by the entrypoint at every start from the environment.
process.roles=broker,controller
node.id=$node
controller.quorum.bootstrap.servers=$adv:$cport
listeners=$listeners,CONTROLLER://$host:$cport
advertised.listeners=$advertised,CONTROLLER://$adv:$cport
inter.broker.listener.name=CLIENT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,$protocols
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.client.scram-sha-512.sasl.jaas.config=$jaas
# Clients only (the broker talks to itself on CLIENT): SCRAM needs no credentials of its own here.
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
# The controller keeps the SCRAM credentials, so the broker meets it with SASL/PLAIN as the admin.
listener.name.controller.sasl.enabled.mechanisms=PLAIN
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$admin" password="$password" user_$admin="$password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:$admin
allow.everyone.if.no.acl.found=false
log.dirs=$data
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
num.partitions=${KAFKA_NUM_PARTITIONS:-3}
CONF
# KAFKA_CFG_FOO_BAR=x -> foo.bar=x (later lines win over the defaults above).
while IFS='=' read -r name value; do
  [[ $name == KAFKA_CFG_* ]] || continue
  key=${name#KAFKA_CFG_}
  key=${key,,}
  echo "${key//_/.}=$value" >>"$conf"
done < <(env)

if [ ! -f "$data/meta.properties" ]; then
  # With the admin's SCRAM credential in the first metadata (its password read from the file).
  echo "formatting $data (admin principal $admin)"
  cluster=()
  [ -z "${KAFKA_CLUSTER_ID:-}" ] || cluster=(--cluster-id "$KAFKA_CLUSTER_ID")
  java "${QUIET[@]}" -cp "$CP" io.ays.local.LocalKafkaFormat --config "$conf" \
    --admin-config "$admin_config" --admin-principal "$admin" "${cluster[@]}"
fi
# shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several options
exec java $KAFKA_HEAP_OPTS -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.showDateTime=true \
  -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS" \
  -cp "$CP" kafka.Kafka "$conf"
