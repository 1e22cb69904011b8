# One image for the compose deployment: Flink with CX Monitor's job jar and its InfluxDB metrics
# reporter, plus the cxmon command (for the generator). Build: docker compose build
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY events events
COPY domain domain
COPY local-stack local-stack
COPY generators generators
COPY flink-jobs flink-jobs
COPY cli cli
COPY benchmarks benchmarks
RUN mvn -B -q -DskipTests -pl flink-jobs,cli -am package \
 && mvn -B -q -pl cli dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp cli/target/cxmon.jar /out/lib/ \
 && cp flink-jobs/target/cxmon-flink-jobs-*-job.jar /out/cxmon-job.jar

FROM flink:2.3.0-scala_2.12-java17
# the image runs as the user flink: the checkpoint volume must belong to it (a new named volume
# takes the ownership of the directory it is mounted on)
USER root
RUN mkdir -p /flink-data && chown flink:flink /flink-data
USER flink
COPY --from=build /out/cxmon-job.jar /opt/cxmon/cxmon-job.jar
COPY --from=build /out/lib /opt/cxmon/lib
# Flink's own InfluxDB reporter runs as a plugin (checkpoints, back-pressure, consumer lag)
COPY --from=build /src/cli/target/flink-plugins/metrics-influx /opt/flink/plugins/metrics-influx
COPY deploy/flink/submit-jobs.sh /opt/cxmon/submit-jobs.sh
