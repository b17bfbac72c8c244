package io.restaurantapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.Http;
import io.restaurantapi.support.TestMongo;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With a management port (as {@code MANAGEMENT_SERVER_PORT} sets it), the SBOM is served there, as the probes are. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class SbomOnManagementPortIT {

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, "sbom_management_port_it");
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void servesTheApplicationSbomOnTheManagementPort() {
        Http management = new Http(managementPort);

        assertThat(management.get("/actuator/sbom/application").statusCode()).isEqualTo(200);
    }

    @Test
    void servesNoSbomOnTheApiPort() {
        Http api = new Http(port);

        assertThat(api.get("/actuator/sbom/application").statusCode()).isEqualTo(404);
    }
}
