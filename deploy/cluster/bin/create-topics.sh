#!/usr/bin/env bash
# Creates the pipeline's topics (KafkaTopics: signals, master data, ledger, dead letters) where missing.
#   bin/create-topics.sh <bootstrap servers> <partitions> <replication factor>
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
exec "$JAVA" -cp "$JOB_JAR:$FLINK_LIB/*" io.shopfloor.jobjar.CreateTopics "$@"
