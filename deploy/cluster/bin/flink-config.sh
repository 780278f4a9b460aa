#!/usr/bin/env bash
# Renders conf/flink/config.yaml into a configuration folder: bin/flink-config.sh <folder>.
# Every Flink process (JobManager, TaskManagers, the CLI) then runs with FLINK_CONF_DIR=<folder>.
# Environment (defaults): FLINK_JOBMANAGER_HOST (localhost), FLINK_JOBMANAGER_RPC_PORT (6123), FLINK_REST_PORT
# (8081), FLINK_BIND_HOST (0.0.0.0), FLINK_TASKMANAGER_HOST (hostname -f), FLINK_JOBMANAGER_MEMORY (1600m),
# FLINK_TASKMANAGER_MEMORY (4g), FLINK_MANAGED_FRACTION (0.4), FLINK_TASK_SLOTS (2), FLINK_PARALLELISM (2),
# FLINK_CHECKPOINT_DIR (file:///var/lib/shopfloor/flink/checkpoints), FLINK_SAVEPOINT_DIR
# (file:///var/lib/shopfloor/flink/savepoints), FLINK_CHECKPOINT_INTERVAL (10 s), FLINK_HEARTBEAT_INTERVAL
# (10 s), FLINK_HEARTBEAT_TIMEOUT (50 s), FLINK_WORK_DIR (/var/lib/shopfloor/flink/work),
# FLINK_RPC_TIMEOUT (10 s).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
target="${1:?usage: flink-config.sh <configuration folder>}"

export FLINK_JOBMANAGER_HOST="${FLINK_JOBMANAGER_HOST:-localhost}"
export FLINK_JOBMANAGER_RPC_PORT="${FLINK_JOBMANAGER_RPC_PORT:-6123}"
export FLINK_REST_PORT="${FLINK_REST_PORT:-8081}"
export FLINK_BIND_HOST="${FLINK_BIND_HOST:-0.0.0.0}"
export FLINK_TASKMANAGER_HOST="${FLINK_TASKMANAGER_HOST:-$(hostname -f)}"
export FLINK_JOBMANAGER_MEMORY="${FLINK_JOBMANAGER_MEMORY:-1600m}"
export FLINK_TASKMANAGER_MEMORY="${FLINK_TASKMANAGER_MEMORY:-4g}"
export FLINK_MANAGED_FRACTION="${FLINK_MANAGED_FRACTION:-0.4}"
export FLINK_TASK_SLOTS="${FLINK_TASK_SLOTS:-2}"
export FLINK_PARALLELISM="${FLINK_PARALLELISM:-2}"
export FLINK_CHECKPOINT_DIR="${FLINK_CHECKPOINT_DIR:-file:///var/lib/shopfloor/flink/checkpoints}"
export FLINK_SAVEPOINT_DIR="${FLINK_SAVEPOINT_DIR:-file:///var/lib/shopfloor/flink/savepoints}"
export FLINK_CHECKPOINT_INTERVAL="${FLINK_CHECKPOINT_INTERVAL:-10 s}"
export FLINK_HEARTBEAT_INTERVAL="${FLINK_HEARTBEAT_INTERVAL:-10 s}"
export FLINK_RPC_TIMEOUT="${FLINK_RPC_TIMEOUT:-10 s}"
export FLINK_WORK_DIR="${FLINK_WORK_DIR:-/var/lib/shopfloor/flink/work}"
export FLINK_HEARTBEAT_TIMEOUT="${FLINK_HEARTBEAT_TIMEOUT:-50 s}"

mkdir -p "$target" "$FLINK_WORK_DIR/tmp"
envsubst < "$CLUSTER_HOME/conf/flink/config.yaml" > "$target/config.yaml"
echo "$target/config.yaml"
