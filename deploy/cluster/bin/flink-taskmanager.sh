#!/usr/bin/env bash
# Starts one Flink TaskManager in the foreground; run one per host (or more, each with its slots).
# Needs FLINK_CONF_DIR (bin/flink-config.sh); FLINK_LIB defaults to target/flink-lib. Extra arguments are passed
# on (e.g. -D taskmanager.host=<this host>).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_flink_conf
mapfile -t results < <(bash_java_utils GET_TM_RESOURCE_PARAMS)
# results[0]: heap/direct/metaspace flags computed from taskmanager.memory.process.size; results[1]: every memory
# component as -D properties, which the TaskManager requires when started this way.
read -r -a jvm_memory <<< "${results[0]}"
read -r -a dynamic_properties <<< "${results[1]:-}"
exec "$JAVA" "${jvm_memory[@]}" "${FLINK_JAVA_OPTS[@]}" -cp "$FLINK_LIB/*" \
    org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    --configDir "$FLINK_CONF_DIR" "${dynamic_properties[@]}" "$@"
