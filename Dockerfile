# syntax=docker/dockerfile:1.7
#
# The API image:
#
#   docker build --build-arg GIT_COMMIT="$(git rev-parse HEAD)" -t restaurant-api .
#
# Base images are pinned to a patch release by tag; Dependabot proposes each new tag.
#
# The build stage, and the first instructions of the runtime stage, are repeated verbatim in
# Dockerfile.seed (a stage cannot be shared between files): identical instructions on the same context
# hit the same BuildKit cache, so the jar is built once and the seed image reuses this image's layers.
# DockerfileTest keeps the copies identical.

# ---- build: compile and package the executable jar, then split it into Spring Boot layers ----
FROM eclipse-temurin:25.0.4.1_1-jdk-alpine AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
# Maven (checked by the wrapper against distributionSha256Sum) and every dependency, in a layer of
# their own before the sources: a code change reuses it, and unlike a cache mount, a layer is part
# of the build cache that --cache-to exports, so CI does not download them on every run. The package
# step below stays online: the CycloneDX plugin, which writes the SBOM the actuator serves, refuses
# to run offline.
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src/main/ src/main/
# The build context has no .git (see .dockerignore): the commit that /actuator/info reports comes in
# as a build argument, written where git-commit-id-maven-plugin would have written it. The plugin is
# skipped: without .git it would rewrite the file empty.
ARG GIT_COMMIT=""
RUN case "$GIT_COMMIT" in *[!0-9a-f]*) echo "GIT_COMMIT must be a lowercase hex commit id, not '$GIT_COMMIT'" >&2; exit 2 ;; esac \
    && if [ -n "$GIT_COMMIT" ]; then \
         mkdir -p target/classes \
         && printf 'git.commit.id.full=%s\ngit.commit.id.abbrev=%.7s\n' "$GIT_COMMIT" "$GIT_COMMIT" > target/classes/git.properties; \
       fi \
    && ./mvnw --batch-mode --no-transfer-progress -Dmaven.test.skip=true -Djacoco.skip=true \
         -Dmaven.gitcommitid.skip=true package \
    && java -Djarmode=tools -jar target/restaurant-api.jar extract --layers --destination /layers

# ---- runtime: JRE only, one image layer per Spring Boot layer, least-changing first ----
FROM eclipse-temurin:25.0.4.1_1-jre-alpine AS runtime
RUN addgroup -S -g 10001 app \
    && adduser -S -D -H -u 10001 -G app -h /app -s /sbin/nologin app
WORKDIR /app
# Root-owned and read-only for the app user; a code change rebuilds only the last two layers. The layout is the
# extracted one (restaurant-api.jar with its lib/), which the JDK's AOT cache requires: it caches classes from
# jars on the class path only, not from Spring Boot's nested jars or directories.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# Container-aware heap sizing, and the collector named so that the training run below and every container use the
# same one (the JVM would pick G1 on a build machine and Serial in a small container). Replace the whole variable to
# tune (e.g. in compose or the chart); see docs/performance.md.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC"
# The AOT cache (JEP 483, 514, 515): classes loaded and linked, and method profiles, from a training run of this
# very image, its JDK and its class path, serving real requests on the embedded database. Made here, after the
# COPYs, so that the jars it records are the ones shipped, with the same sizes and modification times.
RUN --mount=type=bind,source=src/main/docker/aot-training.sh,target=/tmp/aot-training.sh \
    sh /tmp/aot-training.sh restaurant-api.aot \
    && rm -rf /tmp/hsperfdata_root
USER 10001:10001
EXPOSE 8080
# alpine's busybox provides wget. Liveness never depends on MongoDB, so an outage of the database
# does not mark the container unhealthy; compose waits on readiness instead. Follows
# MANAGEMENT_SERVER_PORT / SERVER_PORT when the actuator is moved.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD wget -q -T 2 -O /dev/null "http://127.0.0.1:${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}/actuator/health/liveness" || exit 1
# Exec form: the JVM is PID 1 and receives SIGTERM directly, so Spring's graceful shutdown runs. A cache that does
# not match (another JDK, other options) is reported in one warning and skipped. Adapter caching is off, as in the
# training run: JDK 25 would run adapters compiled for the build machine's CPU on any CPU (SIGILL).
ENTRYPOINT ["java", "-XX:AOTCache=restaurant-api.aot", "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTAdapterCaching", "-jar", "restaurant-api.jar"]
