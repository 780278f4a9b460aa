#!/usr/bin/env bash
# Starts the Flink session cluster's JobManager in the foreground (one per cluster; HA: see the README).
# Needs FLINK_CONF_DIR (bin/flink-config.sh); FLINK_LIB defaults to target/flink-lib. Extra arguments are passed
# on (e.g. -D key=value).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_flink_conf
mapfile -t results < <(bash_java_utils GET_JM_RESOURCE_PARAMS)
# results[0]: -Xmx/-Xms/metaspace/direct memory flags; results[1]: the memory sizes as -D properties.
read -r -a jvm_memory <<< "${results[0]}"
read -r -a dynamic_properties <<< "${results[1]:-}"
exec "$JAVA" "${jvm_memory[@]}" "${FLINK_JAVA_OPTS[@]}" -cp "$FLINK_LIB/*" \
    org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$FLINK_CONF_DIR" "${dynamic_properties[@]}" "$@"
