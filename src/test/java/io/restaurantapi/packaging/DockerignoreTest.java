package io.restaurantapi.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The build context: small, and never carrying local secrets, build output or data dumps. */
class DockerignoreTest {

    private final DockerIgnore ignore = DockerIgnore.read(DockerfileTest.ROOT.resolve(".dockerignore"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                ".env",
                ".env.local",
                ".git",
                ".git/config",
                "target",
                "target/restaurant-api.jar",
                "data/dump.json",
                "data/restaurant.json.gz",
                "tools/lint/node_modules/ajv/package.json",
                "src/test/java/X.java",
                ".idea/workspace.xml",
                "charts/mongo/values.yaml",
                "README.md",
                "docs/docker.md"
            })
    void leavesOut(String path) {
        assertThat(ignore.excludes(path)).as(".dockerignore excludes %s", path).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pom.xml",
                "mvnw",
                ".mvn/wrapper/maven-wrapper.properties",
                "src/main/java/io/restaurantapi/RestaurantApiApplication.java",
                "src/main/resources/application.yml",
                "charts/mongo/files/create-users.js",
                "data/restaurant.json"
            })
    void keeps(String path) {
        assertThat(ignore.excludes(path)).as(".dockerignore excludes %s", path).isFalse();
    }

    @Test
    void matchesLikeTheDockerBuilder() {
        DockerIgnore rules = DockerIgnore.read(DockerfileTest.ROOT.resolve(".dockerignore"));

        // a directory pattern covers everything below it; the last matching pattern wins
        assertThat(rules.excludes("src/main/")).isFalse();
        assertThat(rules.excludes("./pom.xml")).isFalse();
        assertThat(rules.excludes("charts/mongo/files/other.js")).isTrue();
    }
}
