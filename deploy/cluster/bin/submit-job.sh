#!/usr/bin/env bash
# Submits the posting job jar to the session cluster, detached; prints the CLI's output, whose last line names the
# job id ("Job has been submitted with JobID <id>").
#   bin/submit-job.sh [-s <savepoint path>] --bootstrap-servers <kafka> --jdbc-url <jdbc:postgresql://...> [...]
# JOB_JAR defaults to deploy/posting-job-jar/target/posting-job.jar; the job's own arguments: JobArguments.USAGE.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
restore=()
if [ "${1:-}" = "-s" ]; then
    restore=(-s "$2")
    shift 2
fi
if [ ! -f "$JOB_JAR" ]; then
    echo "$JOB_JAR is missing: mvn -B -ntp -pl deploy/posting-job-jar -am package -DskipTests" >&2
    exit 1
fi
exec "$(dirname "${BASH_SOURCE[0]}")/flink.sh" run -d "${restore[@]}" "$JOB_JAR" "$@"
