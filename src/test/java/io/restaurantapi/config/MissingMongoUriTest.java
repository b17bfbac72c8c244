package io.restaurantapi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restaurantapi.RestaurantApiApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

class MissingMongoUriTest {

    @Test
    void startupFailsWithoutMongodbUri() {
        SpringApplicationBuilder application =
                new SpringApplicationBuilder(RestaurantApiApplication.class).web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--MONGODB_URI="))
                .hasRootCauseInstanceOf(MissingMongoUriException.class);
    }

    @Test
    void theFailureSaysInOneLineWhatToSet() {
        FailureAnalysis analysis = new MissingMongoUriFailureAnalyzer().analyze(new MissingMongoUriException());

        assertThat(analysis.getDescription())
                .isEqualTo("MONGODB_URI is not set, so the service does not know which MongoDB to use.")
                .doesNotContain("\n");
        assertThat(analysis.getAction()).contains("Set MONGODB_URI", "embedded");
    }
}
