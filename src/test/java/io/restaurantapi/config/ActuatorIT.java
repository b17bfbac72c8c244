package io.restaurantapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.sbom.ApplicationSbom;
import io.restaurantapi.sbom.SbomComponent;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.TestMongo;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    @Test
    void sbomListsTheApplicationSbom() {
        HttpResponse<String> response = http.get("/actuator/sbom");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonMapper.shared().readTree(response.body()).path("ids").toString())
                .isEqualTo("[\"application\"]");
    }

    @Test
    void sbomServesTheCycloneDxDocumentTheBuildPutInTheApplication() {
        HttpResponse<String> response = http.get("/actuator/sbom/application");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.cyclonedx+json");
        assertThat(response.body()).isEqualTo(new String(ApplicationSbom.bytes(), StandardCharsets.UTF_8));
        JsonNode bom = JsonMapper.shared().readTree(response.body());
        assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
        assertThat(bom.path("metadata").path("component").path("name").asString())
                .isEqualTo("restaurant-api");
    }

    @Test
    void sbomNamesTheLicenceOfEachDependency() {
        List<SbomComponent> components = ApplicationSbom.components(
                http.get("/actuator/sbom/application").body().getBytes(StandardCharsets.UTF_8));

        assertThat(components)
                .extracting(SbomComponent::groupArtifact)
                .contains("org.springframework.boot:spring-boot", "org.mongodb:mongodb-driver-sync");
        assertThat(components)
                .allSatisfy(component -> assertThat(component.licences()).isNotEmpty());
        assertThat(components)
                .filteredOn(component -> component.groupArtifact().equals("org.springframework.boot:spring-boot"))
                .singleElement()
                .extracting(SbomComponent::licences)
                .isEqualTo(List.of("Apache-2.0"));
    }

    @Test
    void exposesHealthInfoPrometheusAndSbomAlone() {
        JsonNode links =
                JsonMapper.shared().readTree(http.get("/actuator").body()).path("_links");

        assertThat(links.propertyNames())
                .containsExactlyInAnyOrder("self", "health", "health-path", "info", "prometheus", "sbom", "sbom-id");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator/env",
                "/actuator/beans",
                "/actuator/configprops",
                "/actuator/heapdump",
                "/actuator/threaddump",
                "/actuator/loggers",
                "/actuator/mappings",
                "/actuator/shutdown"
            })
    void exposesNothingElse(String endpoint) {
        assertThat(http.get(endpoint).statusCode()).isEqualTo(404);
    }
}
