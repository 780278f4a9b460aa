#!/usr/bin/env bash
# Runs the MQTT bridge (connectors/mqtt-bridge) as its own process in the foreground:
#   bin/bridge-start.sh <bridge.json>
# Build first (from the repository root):
#   mvn -B -ntp -pl connectors/mqtt-bridge -am -DskipTests package dependency:build-classpath \
#       -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
# Logs through slf4j: the Flink lib's slf4j-simple is added to the class path. Heap: BRIDGE_HEAP (512m).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
module="$DEPLOY_HOME/../connectors/mqtt-bridge/target"
if [ ! -f "$module/classpath.txt" ]; then
    echo "$module/classpath.txt is missing: build the bridge first (see this script's header)" >&2
    exit 1
fi
exec "$JAVA" -Xmx"${BRIDGE_HEAP:-512m}" \
    -cp "$module/mqtt-bridge-0.1.0-SNAPSHOT.jar:$(cat "$module/classpath.txt"):$(ls "$FLINK_LIB"/slf4j-simple-*.jar)" \
    io.shopfloor.bridge.MqttBridge "$@"
