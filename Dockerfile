# syntax=docker/dockerfile:1
# Herald: build with Maven, run on a JRE as a non-root user.
#   docker build -t herald .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests \
    && cp target/herald-*.jar herald.jar \
    && java -Djarmode=tools -jar herald.jar extract --destination /src/herald

FROM eclipse-temurin:17-jre
# curl serves the health check only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin herald \
    && mkdir -p /app/data/media /app/data/keys \
    && chown -R herald /app
WORKDIR /app
COPY --from=build --chown=herald /src/herald /app/herald
USER herald
# The extracted jar's class data sharing archive, recorded by a start that stops after start-up,
# on a scratch database, secrets key and media directory that are removed again: the image's
# starts then take about half the time (README, "Run it"; bench/run.sh measures it).
RUN java -XX:MaxRAMPercentage=75 -XX:ArchiveClassesAtExit=/app/herald/herald.jsa -Dspring.context.exit=onRefresh \
        -jar /app/herald/herald.jar --herald.database.data-dir=/tmp/cds-training \
        --herald.secrets.key-file=/tmp/cds-training.key --herald.admin.token=training \
        --herald.media.directory=/tmp/cds-training-media --logging.level.root=WARN \
    ; kill "$(head -1 /tmp/cds-training/postmaster.pid)"; rm -rf /tmp/cds-training /tmp/cds-training.key /tmp/cds-training-media /tmp/embedded-pg \
    && test -s /app/herald/herald.jsa
# Uploads go to /app/data/media (mount a volume there); without SPRING_DATASOURCE_URL the embedded
# PostgreSQL keeps its files in /app/data/postgres. A generated secrets key goes to /app/data/keys
# when HERALD_SECRETS_KEY_FILE points there (mount a volume there too).
ENV HERALD_MEDIA_DIRECTORY=/app/data/media
EXPOSE 8080
# Ready: the database answers and the publishing scheduler runs.
HEALTHCHECK --interval=15s --timeout=10s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health/readiness || exit 1
# exec form: java is PID 1 and gets SIGTERM itself (graceful shutdown, see herald.publishing.shutdown-grace).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/herald/herald.jsa", "-jar", "/app/herald/herald.jar"]
