package io.restaurantapi.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code helm lint --strict} passes for every chart: no error and no warning. */
class ChartLintTest {

    @ParameterizedTest(name = "charts/{0}")
    @ValueSource(strings = {"app", "mongo", "seed"})
    void chartPassesStrictLint(String chart) {
        assertPassesStrictLint(Charts.ROOT.resolve("charts").resolve(chart));
    }

    /** helm lint takes no values of its own here: lint a copy of the mongo chart whose default is the replica set. */
    @Test
    void mongoChartAsAReplicaSetPassesStrictLint(@TempDir Path temp) throws IOException {
        Path copy = temp.resolve("mongo");
        try (Stream<Path> files = Files.walk(Charts.MONGO)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(Charts.MONGO.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path values = copy.resolve("values.yaml");
        String replicaSet = Files.readString(values).replace("architecture: standalone", "architecture: replicaset");
        assertThat(replicaSet).contains("architecture: replicaset");
        Files.writeString(values, replicaSet);

        assertPassesStrictLint(copy);
    }

    private static void assertPassesStrictLint(Path chart) {
        LintResult result = new Helm(chart).lint().strict().call();

        assertThat(result.isFailed())
                .as("lint failed: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }
}
