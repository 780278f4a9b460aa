#!/usr/bin/env bash
# Flink's command line client (what flink-dist's bin/flink runs): bin/flink.sh list | run | stop | cancel ...
# Needs FLINK_CONF_DIR (it finds the JobManager's REST address there).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_flink_conf
export FLINK_CONF_DIR
exec "$JAVA" "${FLINK_JAVA_OPTS[@]}" -cp "$FLINK_LIB/*" org.apache.flink.client.cli.CliFrontend "$@"
