# The MQTT bridge as a plain JVM process. Build from the repository root after
#   mvn -B -ntp -pl connectors/mqtt-bridge -am package -DskipTests
#   mvn -B -ntp -pl connectors/mqtt-bridge dependency:copy-dependencies -DincludeScope=runtime \
#       -DoutputDirectory=target/lib
#   docker build -f deploy/kubernetes/images/mqtt-bridge.Dockerfile -t registry.example.com/shopfloor/mqtt-bridge:0.1.0 .
FROM eclipse-temurin:17-jre
COPY connectors/mqtt-bridge/target/lib/ /opt/shopfloor/lib/
COPY connectors/mqtt-bridge/target/mqtt-bridge-0.1.0-SNAPSHOT.jar /opt/shopfloor/lib/
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/shopfloor/lib/*", "io.shopfloor.bridge.MqttBridge"]
