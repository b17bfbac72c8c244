package io.restaurantapi.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every object the charts render, hooks included, is valid for the Kubernetes API (1.32). */
class KubernetesSchemaTest {

    static Stream<Arguments> renders() {
        return Stream.of(
                Arguments.of("app, default values", Charts.renderHooks(Charts.APP, "app", Map.of())),
                Arguments.of(
                        "app, non-default values", Charts.renderHooks(Charts.APP, "app", RenderScenarios.APP_CUSTOM)),
                Arguments.of("mongo, default values", Charts.renderHooks(Charts.MONGO, "mongo", Map.of())),
                Arguments.of(
                        "mongo, non-default values",
                        Charts.renderHooks(Charts.MONGO, "mongo", RenderScenarios.MONGO_CUSTOM)),
                Arguments.of(
                        "mongo, replica set",
                        Charts.renderHooks(Charts.MONGO, "mongo", RenderScenarios.MONGO_REPLICA_SET)),
                Arguments.of(
                        "mongo, replica set with non-default values",
                        Charts.renderHooks(Charts.MONGO, "mongo", RenderScenarios.MONGO_REPLICA_SET_CUSTOM)),
                Arguments.of(
                        "mongo, metrics on",
                        Charts.renderHooks(Charts.MONGO, "mongo", MongoChartMetricsTest.METRICS_ON)),
                Arguments.of("seed, default values", Charts.renderHooks(Charts.SEED, "seed", Map.of())),
                Arguments.of(
                        "seed, non-default values",
                        Charts.renderHooks(Charts.SEED, "seed", RenderScenarios.SEED_CUSTOM)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyRenderedObjectIsValidForTheKubernetesApi(String render, Manifests manifests) {
        assertThat(manifests.objects()).isNotEmpty();
        for (Map<String, Object> object : manifests.objects()) {
            assertThat(KubernetesSchema.problems(object))
                    .as("%s %s", object.get("kind"), Manifests.string(object, "metadata.name"))
                    .isEmpty();
        }
    }

    @Test
    void theValidatorRejectsAnUnknownField() {
        Map<String, Object> service = service();
        Manifests.<Map<String, Object>>cast(service.get("spec")).put("selectr", Map.of("app", "x"));

        assertThat(KubernetesSchema.problems(service))
                .singleElement()
                .asString()
                .contains("selectr");
    }

    @Test
    void theValidatorRejectsAMissingRequiredField() {
        Map<String, Object> service = service();
        Manifests.<Map<String, Object>>cast(
                        Manifests.list(service, "spec.ports").get(0))
                .remove("port");

        assertThat(KubernetesSchema.problems(service))
                .singleElement()
                .asString()
                .contains("port");
    }

    @Test
    void theValidatorRejectsAValueOfTheWrongType() {
        Map<String, Object> service = service();
        Manifests.<Map<String, Object>>cast(
                        Manifests.list(service, "spec.ports").get(0))
                .put("port", "eighty");

        assertThat(KubernetesSchema.problems(service))
                .singleElement()
                .asString()
                .contains("wrong type", "eighty");
    }

    @Test
    void theValidatorRejectsANumberWrittenAsAString() {
        Map<String, Object> service = service();
        Manifests.<Map<String, Object>>cast(
                        Manifests.list(service, "spec.ports").get(0))
                .put("port", "80");

        assertThat(KubernetesSchema.problems(service))
                .singleElement()
                .asString()
                .contains("Service:spec.ports[0].port has the wrong type");
    }

    @Test
    void theValidatorRejectsAValueOutsideAnEnumeration() {
        Map<String, Object> service = service();
        Manifests.<Map<String, Object>>cast(
                        Manifests.list(service, "spec.ports").get(0))
                .put("protocol", "HTTP");

        assertThat(KubernetesSchema.problems(service))
                .singleElement()
                .asString()
                .contains("Service:spec.ports[].protocol");
    }

    @Test
    void theValidatorRejectsAnUnknownKind() {
        assertThat(KubernetesSchema.problems(Map.of("apiVersion", "apps/v1", "kind", "Deployments")))
                .singleElement()
                .asString()
                .contains("no model");
    }

    @Test
    void theValidatorAcceptsAValidObject() {
        assertThat(KubernetesSchema.problems(service())).isEmpty();
    }

    private static Map<String, Object> service() {
        return Manifests.parse("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector:
                    app: web
                  ports:
                    - name: http
                      port: 80
                      protocol: TCP
                      targetPort: http
                """).objects().get(0);
    }
}
