#!/usr/bin/env bash
# Starts one Kafka node (KRaft, broker + controller) in the foreground; formats its storage on first start.
# Environment (defaults): KAFKA_NODE_ID (1), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
# KAFKA_DATA_DIR (/var/lib/shopfloor/kafka), KAFKA_LISTEN_HOST (empty: all interfaces), KAFKA_ADVERTISED_HOST
# (hostname -f), KAFKA_CONTROLLER_QUORUM_VOTERS (<node id>@<advertised host>:<controller port>; on a 3-node
# cluster "1@kafka1:9093,2@kafka2:9093,3@kafka3:9093", the same on every node), KAFKA_CLUSTER_ID (the same on
# every node; make one with `kafka-start.sh --new-cluster-id`),
# KAFKA_REPLICATION_FACTOR (1), KAFKA_MIN_ISR (1), KAFKA_INTERNAL_TOPIC_PARTITIONS (50), KAFKA_HEAP (1g).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_dir "$KAFKA_LIB" "build it with: mvn -B -ntp -pl deploy/kafka-broker -am package -DskipTests"

if [ "${1:-}" = "--new-cluster-id" ]; then
    exec "$JAVA" -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid
fi

export KAFKA_NODE_ID="${KAFKA_NODE_ID:-1}"
export KAFKA_PORT="${KAFKA_PORT:-9092}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
export KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-/var/lib/shopfloor/kafka}"
export KAFKA_LISTEN_HOST="${KAFKA_LISTEN_HOST:-}"
export KAFKA_ADVERTISED_HOST="${KAFKA_ADVERTISED_HOST:-$(hostname -f)}"
single_node_voters="$KAFKA_NODE_ID@$KAFKA_ADVERTISED_HOST:$KAFKA_CONTROLLER_PORT"
export KAFKA_CONTROLLER_QUORUM_VOTERS="${KAFKA_CONTROLLER_QUORUM_VOTERS:-$single_node_voters}"
export KAFKA_REPLICATION_FACTOR="${KAFKA_REPLICATION_FACTOR:-1}"
export KAFKA_MIN_ISR="${KAFKA_MIN_ISR:-1}"
export KAFKA_INTERNAL_TOPIC_PARTITIONS="${KAFKA_INTERNAL_TOPIC_PARTITIONS:-50}"
export KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS="${KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS:-3000}"
KAFKA_CLUSTER_ID="${KAFKA_CLUSTER_ID:-c2hvcGZsb29yLWxlZGdlcg}"
KAFKA_HEAP="${KAFKA_HEAP:-1g}"

mkdir -p "$KAFKA_DATA_DIR"
properties="$KAFKA_DATA_DIR/server.properties"
envsubst < "$CLUSTER_HOME/conf/kafka/server.properties" > "$properties"
if [ ! -f "$KAFKA_DATA_DIR/logs/meta.properties" ]; then
    "$JAVA" -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format --ignore-formatted \
        --cluster-id "$KAFKA_CLUSTER_ID" --config "$properties"
fi
exec "$JAVA" -Xms"$KAFKA_HEAP" -Xmx"$KAFKA_HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$properties"
