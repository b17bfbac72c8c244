package io.restaurantapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The embedded development mode: no MongoDB to configure, the dataset loaded at startup by the seeder. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(EmbeddedMongoConfiguration.PROFILE)
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedModeIT {

    @DynamicPropertySource
    static void dataset(DynamicPropertyRegistry registry) {
        registry.add("MONGODB_URI", () -> "");
        registry.add("restaurant.dataset", () -> Fixtures.restaurants().toString());
    }

    @LocalServerPort
    int port;

    @Test
    void servesTheDatasetWithoutAnyMongodbConfigured() {
        HttpResponse<String> response = new Http(port).get("/api/v1/restaurant/000000000000000000000005");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\": \"Café Crème\"");
    }

    @Test
    void isReadyOnceLoaded() {
        assertThat(new Http(port).get("/actuator/health/readiness").statusCode())
                .isEqualTo(200);
    }

    @Test
    void saysPlainlyThatItUsesTheEmbeddedDatabase(CapturedOutput output) {
        assertThat(output.getAll()).contains("Using the EMBEDDED development database");
    }
}
