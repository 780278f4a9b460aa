#!/usr/bin/env bash
# Runs the ERP CDC connector (connectors/erp-cdc, Debezium embedded) as its own process in the foreground:
#   bin/cdc-start.sh --jdbc-url=jdbc:postgresql://erp:5432/erp --user=cdc --bootstrap-servers=kafka1:9092 \
#       --data-dir=/var/lib/shopfloor/erp-cdc --partitions=6 --replication-factor=3
# (password from PGPASSWORD). Build first (from the repository root):
#   mvn -B -ntp -pl connectors/erp-cdc -am -DskipTests package dependency:build-classpath \
#       -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
# Run exactly one per ERP database: it owns a replication slot. Heap: CDC_HEAP (512m).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
module="$DEPLOY_HOME/../connectors/erp-cdc/target"
if [ ! -f "$module/classpath.txt" ]; then
    echo "$module/classpath.txt is missing: build the connector first (see this script's header)" >&2
    exit 1
fi
exec "$JAVA" -Xmx"${CDC_HEAP:-512m}" \
    -cp "$module/erp-cdc-0.1.0-SNAPSHOT.jar:$(cat "$module/classpath.txt"):$(ls "$FLINK_LIB"/slf4j-simple-*.jar)" \
    io.shopfloor.cdc.ErpCdcConnector "$@"
