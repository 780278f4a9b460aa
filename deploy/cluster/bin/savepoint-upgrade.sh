#!/usr/bin/env bash
# Upgrades the running posting job without losing or repeating a posting: stops it with a savepoint (sources stop
# at a checkpoint barrier, sinks commit, nothing runs after the savepoint), then submits JOB_JAR (the new version)
# restored from that savepoint. Operators are matched by their uids, which the job keeps stable across versions.
#   bin/savepoint-upgrade.sh <job id> <job arguments as for submit-job.sh>
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
job_id="${1:?usage: savepoint-upgrade.sh <job id> <job arguments>}"
shift
stop_output=$("$CLUSTER_HOME/bin/flink.sh" stop "$job_id" 2>&1) || { echo "$stop_output" >&2; exit 1; }
echo "$stop_output"
savepoint=$(echo "$stop_output" | sed -n 's/^Savepoint completed\. Path: //p' | tail -n 1)
if [ -z "$savepoint" ]; then
    echo "no savepoint path in the output of flink stop; the job is stopped, restore it by hand" >&2
    exit 1
fi
echo "restoring from $savepoint"
exec "$CLUSTER_HOME/bin/submit-job.sh" -s "$savepoint" "$@"
