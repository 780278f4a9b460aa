#!/usr/bin/env bash
# Starts Mosquitto (Debian's mosquitto package) in the foreground with conf/mosquitto/mosquitto.conf rendered.
# Environment (defaults): MQTT_PORT (1883), MQTT_DATA_DIR (/var/lib/shopfloor/mosquitto).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export MQTT_PORT="${MQTT_PORT:-1883}"
export MQTT_DATA_DIR="${MQTT_DATA_DIR:-/var/lib/shopfloor/mosquitto}"
mkdir -p "$MQTT_DATA_DIR"
envsubst < "$CLUSTER_HOME/conf/mosquitto/mosquitto.conf" > "$MQTT_DATA_DIR/mosquitto.conf"
exec /usr/sbin/mosquitto -c "$MQTT_DATA_DIR/mosquitto.conf"
