package io.restaurantapi.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code helm lint --strict} passes for every chart: no error and no warning. */
class ChartLintTest {

    @ParameterizedTest(name = "charts/{0}")
    @ValueSource(strings = {"app", "mongo", "seed"})
    void chartPassesStrictLint(String chart) {
        LintResult result = new Helm(Charts.ROOT.resolve("charts").resolve(chart))
                .lint()
                .strict()
                .call();

        assertThat(result.isFailed())
                .as("lint failed: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }
}
