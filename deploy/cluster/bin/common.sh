# Sourced by the other scripts: where things are, and the JVM options every Flink JVM needs on Java 17.
CLUSTER_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPLOY_HOME="$(cd "$CLUSTER_HOME/.." && pwd)"
: "${JAVA:=java}"
: "${FLINK_LIB:=$CLUSTER_HOME/target/flink-lib}"
: "${KAFKA_LIB:=$DEPLOY_HOME/kafka-broker/target/kafka-lib}"
: "${JOB_JAR:=$DEPLOY_HOME/posting-job-jar/target/posting-job.jar}"

# What Flink's own scripts pass (env.java.opts.all in flink-dist's config.yaml): Flink reflects into the JDK.
FLINK_JAVA_OPTS=(-XX:+IgnoreUnrecognizedVMOptions
    --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
    --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)

require_dir() {
    if [ ! -d "$1" ]; then
        echo "$1 is missing: $2" >&2
        exit 1
    fi
}

require_flink_conf() {
    : "${FLINK_CONF_DIR:?set FLINK_CONF_DIR to a folder made by bin/flink-config.sh}"
    if [ ! -f "$FLINK_CONF_DIR/config.yaml" ]; then
        echo "$FLINK_CONF_DIR/config.yaml is missing: make it with bin/flink-config.sh" >&2
        exit 1
    fi
    require_dir "$FLINK_LIB" "build it with: mvn -B -ntp -pl deploy/cluster -am package -DskipTests"
}

# The lines BashJavaUtils marks as results (JVM memory flags, then dynamic -D properties).
bash_java_utils() {
    local output
    output=$("$JAVA" "${FLINK_JAVA_OPTS[@]}" -cp "$FLINK_LIB/*" org.apache.flink.runtime.util.bash.BashJavaUtils \
        "$1" --configDir "$FLINK_CONF_DIR" 2>&1) || { echo "$output" >&2; exit 1; }
    echo "$output" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}
