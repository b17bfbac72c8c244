# syntax=docker/dockerfile:1.7
#
# The API image: docker build -t restaurant-api .
#
# Base images are pinned by tag. Digests of the multi-platform indexes when these tags were chosen
# (re-check with `docker buildx imagetools inspect <image>` when bumping a tag):
#   eclipse-temurin:21.0.12.1_1-jdk-alpine  sha256:0bfc69a4758a86710e5c474032d28400a8bd00874766f9e8b1642ac2fd293159
#   eclipse-temurin:21.0.12.1_1-jre-alpine  sha256:51ab5e3302e7141ce665ca3ea85e8b5cd648eafbc3c0c90dd79d6537684e4555
#
# The build stage is repeated verbatim in Dockerfile.seed (a stage cannot be shared between files);
# identical instructions on the same context hit the same BuildKit cache, so the jar is built once.
# DockerfileTest keeps the two copies identical.

# ---- build: compile and package the executable jar, then split it into Spring Boot layers ----
FROM eclipse-temurin:21.0.12.1_1-jdk-alpine AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/main/ src/main/
# The Maven repository (and the wrapper's Maven download) live in a cache mount, not in a layer.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw --batch-mode --no-transfer-progress -Dmaven.test.skip=true -Djacoco.skip=true package \
    && java -Djarmode=tools -jar target/restaurant-api.jar extract --layers --launcher --destination /layers

# ---- runtime: JRE only, one image layer per Spring Boot layer, least-changing first ----
FROM eclipse-temurin:21.0.12.1_1-jre-alpine AS runtime
RUN addgroup -S -g 10001 app \
    && adduser -S -D -H -u 10001 -G app -h /app -s /sbin/nologin app
WORKDIR /app
# Root-owned and read-only for the app user; a code change rebuilds only the last layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
EXPOSE 8080
# Container-aware heap sizing; replace the whole variable to tune (e.g. in compose or the chart).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
# alpine's busybox provides wget. Liveness never depends on MongoDB, so an outage of the database
# does not mark the container unhealthy; compose waits on readiness instead. Follows
# MANAGEMENT_SERVER_PORT / SERVER_PORT when the actuator is moved.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD wget -q -T 2 -O /dev/null "http://127.0.0.1:${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}/actuator/health/liveness" || exit 1
# Exec form: the JVM is PID 1 and receives SIGTERM directly, so Spring's graceful shutdown runs.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
