# The posting job on Flink's official image: the shaded job jar in usrlib (Flink provides itself).
# The PostgreSQL driver goes to lib/ (JDBC drivers must not be in the job jar: see deploy/posting-job-jar).
# Build from the repository root after `mvn -B -ntp -pl deploy/cluster -am package -DskipTests`:
#   docker build -f deploy/kubernetes/images/posting-job.Dockerfile -t registry.example.com/shopfloor/posting-job:0.1.0 .
FROM flink:2.2.1-java17
COPY deploy/cluster/target/flink-lib/postgresql-*.jar /opt/flink/lib/
COPY deploy/posting-job-jar/target/posting-job.jar /opt/flink/usrlib/posting-job.jar
