# The ERP CDC connector as a plain JVM process. Build from the repository root after
#   mvn -B -ntp -pl connectors/erp-cdc -am package -DskipTests
#   mvn -B -ntp -pl connectors/erp-cdc dependency:copy-dependencies -DincludeScope=runtime \
#       -DoutputDirectory=target/lib
#   docker build -f deploy/kubernetes/images/erp-cdc.Dockerfile -t registry.example.com/shopfloor/erp-cdc:0.1.0 .
FROM eclipse-temurin:17-jre
COPY connectors/erp-cdc/target/lib/ /opt/shopfloor/lib/
COPY connectors/erp-cdc/target/erp-cdc-0.1.0-SNAPSHOT.jar /opt/shopfloor/lib/
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/shopfloor/lib/*", "io.shopfloor.cdc.ErpCdcConnector"]
