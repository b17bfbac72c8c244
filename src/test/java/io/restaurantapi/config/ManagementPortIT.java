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

/** A management port (as {@code MANAGEMENT_SERVER_PORT} sets it) moves every actuator endpoint off the API port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class ManagementPortIT {

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, "management_port_it");
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void servesProbesAndMetricsOnTheManagementPort() {
        Http management = new Http(managementPort);

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void servesNoActuatorEndpointOnTheApiPort() {
        Http api = new Http(port);

        assertThat(api.get("/actuator/health/readiness").statusCode()).isEqualTo(404);
        assertThat(api.get("/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/restaurant/000000000000000000000000").statusCode())
                .isEqualTo(404);
    }

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
