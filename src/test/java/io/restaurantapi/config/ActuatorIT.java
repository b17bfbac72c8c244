package io.restaurantapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.restaurantapi.support.Http;
import io.restaurantapi.support.TestMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorIT {

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, "actuator_it");
    }

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void livenessIsUp() {
        HttpResponse<String> response = http.get("/actuator/health/liveness");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void readinessIsUpWhenTheDatabaseAnswersPing() {
        HttpResponse<String> response = http.get("/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void infoShowsTheBuildAndGitCommit() {
        HttpResponse<String> response = http.get("/actuator/info");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"artifact\":\"restaurant-api\"", "\"version\":\"1.0.0\"");
        assertThat(response.body()).contains("\"git\":").contains("\"commit\":");
    }

    @Test
    void prometheusServesRequestJvmAndMongoMetricsByRouteTemplate() {
        http.get("/api/v1/restaurant/000000000000000000000000");

        HttpResponse<String> response = http.get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("http_server_requests_seconds_count{", "uri=\"/api/v1/restaurant/{id}\"")
                .contains("http_server_requests_seconds_bucket{", "application=\"restaurant-api\"")
                .contains("jvm_memory_used_bytes", "mongodb_driver_commands_seconds", "mongodb_driver_pool_size")
                .doesNotContain("uri=\"/api/v1/restaurant/000000000000000000000000\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
            "/actuator/threaddump", "/actuator/loggers", "/actuator/mappings", "/actuator/shutdown"})
    void exposesNothingElse(String endpoint) {
        assertThat(http.get(endpoint).statusCode()).isEqualTo(404);
    }
}
