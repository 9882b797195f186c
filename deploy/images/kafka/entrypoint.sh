#!/bin/bash
# Entry point of the local Kafka image: "broker" or "topics ..." (see the Dockerfile).
set -euo pipefail
CP='/opt/kafka/lib/*'
QUIET=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient=error)

case ${1:-broker} in
  topics)
    shift
    exec java "${QUIET[@]}" -cp "$CP" io.ays.local.TopicSetup "$@"
    ;;
  broker) ;;
  *) exec "$@" ;;
esac

port=${KAFKA_PORT:-9092}
cport=${KAFKA_CONTROLLER_PORT:-9093}
host=${KAFKA_LISTEN_HOST:-0.0.0.0}
adv=${KAFKA_ADVERTISED_HOST:-$(hostname)}
node=${KAFKA_NODE_ID:-1}
data=/var/lib/kafka/data
conf=/var/lib/kafka/server.properties

cat >"$conf" <<CONF
# Written by the entrypoint at every start from the environment.
process.roles=broker,controller
node.id=$node
controller.quorum.bootstrap.servers=$adv:$cport
listeners=PLAINTEXT://$host:$port,CONTROLLER://$host:$cport
advertised.listeners=PLAINTEXT://$adv:$port,CONTROLLER://$adv:$cport
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
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
  id=${KAFKA_CLUSTER_ID:-$(java "${QUIET[@]}" -cp "$CP" kafka.tools.StorageTool random-uuid | tail -n 1)}
  echo "formatting $data (cluster id $id)"
  java "${QUIET[@]}" -cp "$CP" kafka.tools.StorageTool format --standalone --cluster-id "$id" --config "$conf"
fi
# shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several options
exec java $KAFKA_HEAP_OPTS -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.showDateTime=true \
  -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS" \
  -cp "$CP" kafka.Kafka "$conf"
