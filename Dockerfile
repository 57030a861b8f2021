# syntax=docker/dockerfile:1
# Herald: build with Maven, run on a JRE as a non-root user.
#   docker build -t herald .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# curl serves the health check only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin herald \
    && mkdir -p /app/data/media /app/data/keys \
    && chown -R herald /app
WORKDIR /app
COPY --from=build /src/target/herald-*.jar /app/herald.jar
USER herald
# Uploads go to /app/data/media (mount a volume there); without SPRING_DATASOURCE_URL the embedded
# PostgreSQL keeps its files in /app/data/postgres. A generated secrets key goes to /app/data/keys
# when HERALD_SECRETS_KEY_FILE points there (mount a volume there too).
ENV HERALD_MEDIA_DIRECTORY=/app/data/media
EXPOSE 8080
# Ready: the database answers and the publishing scheduler runs.
HEALTHCHECK --interval=15s --timeout=10s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health/readiness || exit 1
# exec form: java is PID 1 and gets SIGTERM itself (graceful shutdown, see herald.publishing.shutdown-grace).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/herald.jar"]
