package io.restaurantapi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restaurantapi.RestaurantApiApplication;
import io.restaurantapi.dataset.DatasetUnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatasetFailureTest {

    @TempDir
    Path directory;

    @Test
    void embeddedStartupWithoutTheDatasetPrintsWhatToDoInsteadOfAStackTrace(CapturedOutput output) {
        SpringApplicationBuilder application =
                new SpringApplicationBuilder(RestaurantApiApplication.class).web(WebApplicationType.NONE);
        String missing = directory.resolve("restaurant.json").toString();

        assertThatThrownBy(
                        () -> application.run("--spring.profiles.active=embedded", "--restaurant.dataset=" + missing))
                .isInstanceOf(EmbeddedDatasetUnavailableException.class)
                .hasRootCauseMessage("dataset file " + missing + " does not exist or cannot be read");
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("RESTAURANT_DATASET=/path/to/restaurant.json ./mvnw spring-boot:run")
                // what Spring Boot logs, with the stack trace, when no analyzer explains the failure
                .doesNotContain("Application run failed");
    }

    @Test
    void theFailureSaysWhereToPutTheDatasetInOneShortParagraph() {
        EmbeddedDatasetUnavailableException failure =
                new EmbeddedDatasetUnavailableException(new DatasetUnavailableException(
                        "cannot download the dataset from https://example.org/r.json (ConnectException)"));

        FailureAnalysis analysis = new EmbeddedDatasetFailureAnalyzer().analyze(new IllegalStateException(failure));

        assertThat(analysis.getDescription())
                .doesNotContain("\n")
                .contains("embedded development database")
                .contains("cannot download the dataset");
        assertThat(analysis.getAction())
                .doesNotContain("\n")
                .contains("data/restaurant.json")
                .contains("RESTAURANT_DATASET=/path/to/restaurant.json ./mvnw spring-boot:run");
    }
}
