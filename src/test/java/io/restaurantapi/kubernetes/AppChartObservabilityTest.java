package io.restaurantapi.kubernetes;

import static io.restaurantapi.kubernetes.Manifests.at;
import static io.restaurantapi.kubernetes.Manifests.list;
import static io.restaurantapi.kubernetes.Manifests.map;
import static io.restaurantapi.kubernetes.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * charts/app, metrics: the Service publishes the management port, a ServiceMonitor (Prometheus Operator) scrapes
 * {@code /actuator/prometheus} on it, the NetworkPolicy lets the configured Prometheus in, and a ConfigMap carries the
 * Grafana dashboard for the Grafana sidecar. Both objects are off by default.
 */
class AppChartObservabilityTest {

    /** Metrics on, as with kube-prometheus-stack installed as release "kube-prometheus-stack" in namespace "monitoring". */
    static final Map<String, String> METRICS_ON = Map.of(
            "metrics.serviceMonitor.enabled", "true",
            "metrics.serviceMonitor.labels.release", "kube-prometheus-stack",
            "metrics.grafanaDashboard.enabled", "true",
            "networkPolicy.managementFrom[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name",
                    "monitoring");

    private static final Manifests DEFAULTS = Charts.render(Charts.APP, "app", Map.of());
    private static final Manifests ON = Charts.render(Charts.APP, "app", METRICS_ON);
    private static final Path DASHBOARD = Charts.APP.resolve("files/dashboards/restaurant-api.json");

    /** The Prometheus Operator's duration pattern (ServiceMonitor CRD, {@code endpoints[].interval} and {@code scrapeTimeout}). */
    static final Pattern DURATION = Pattern.compile(
            "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$");

    /** Fields of the ServiceMonitor CRD ({@code monitoring.coreos.com/v1}) the chart may write, by level. */
    static final Set<String> SERVICE_MONITOR_SPEC_FIELDS = Set.of(
            "attachMetadata",
            "bodySizeLimit",
            "endpoints",
            "jobLabel",
            "keepDroppedTargets",
            "labelLimit",
            "labelNameLengthLimit",
            "labelValueLengthLimit",
            "namespaceSelector",
            "podTargetLabels",
            "sampleLimit",
            "scrapeClass",
            "scrapeProtocols",
            "selector",
            "targetLabels",
            "targetLimit");

    static final Set<String> SERVICE_MONITOR_ENDPOINT_FIELDS = Set.of(
            "authorization",
            "basicAuth",
            "bearerTokenSecret",
            "enableHttp2",
            "filterRunning",
            "followRedirects",
            "honorLabels",
            "honorTimestamps",
            "interval",
            "metricRelabelings",
            "oauth2",
            "params",
            "path",
            "port",
            "proxyUrl",
            "relabelings",
            "scheme",
            "scrapeTimeout",
            "targetPort",
            "tlsConfig",
            "trackTimestampsStaleness");

    @TempDir
    Path temp;

    private static Map<String, Object> endpoint(Manifests manifests) {
        List<Map<String, Object>> endpoints = list(manifests.one("ServiceMonitor"), "spec.endpoints");
        assertThat(endpoints).hasSize(1);
        return endpoints.get(0);
    }

    private static Map<String, Object> dashboardConfigMap(Manifests manifests) {
        return manifests.one("ConfigMap");
    }

    @Test
    void serviceMonitorAndDashboardAreOffByDefault() {
        assertThat(DEFAULTS.ofKind("ServiceMonitor")).isEmpty();
        assertThat(DEFAULTS.ofKind("ConfigMap")).isEmpty();
    }

    @Test
    void serviceMonitorAndDashboardAreRenderedWhenEnabled() {
        assertThat(ON.kinds()).contains("ServiceMonitor", "ConfigMap");
        assertThat(ON.ofKind("ServiceMonitor")).hasSize(1);
        assertThat(ON.ofKind("ConfigMap")).hasSize(1);
    }

    @Test
    void servicePublishesTheManagementPortOfThePods() {
        List<Map<String, Object>> ports = list(DEFAULTS.one("Service"), "spec.ports");
        List<Map<String, Object>> containerPorts = list(
                list(DEFAULTS.one("Deployment"), "spec.template.spec.containers")
                        .get(0),
                "ports");

        assertThat(ports).anySatisfy(p -> {
            assertThat(p.get("name")).isEqualTo("management");
            assertThat(p.get("port")).isEqualTo(8081);
            assertThat(p.get("targetPort")).isEqualTo("management");
        });
        assertThat(containerPorts)
                .anySatisfy(
                        p -> assertThat(p).containsEntry("name", "management").containsEntry("containerPort", 8081));
    }

    @Test
    void serviceMonitorIsAPrometheusOperatorServiceMonitorInTheReleaseNamespace() {
        Map<String, Object> monitor = ON.one("ServiceMonitor");

        assertThat(monitor.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(string(monitor, "metadata.name")).isEqualTo("app");
        assertThat(string(monitor, "metadata.namespace")).isEqualTo(Charts.NAMESPACE);
    }

    @Test
    void serviceMonitorScrapesThePrometheusEndpointOnTheManagementPort() {
        Map<String, Object> endpoint = endpoint(ON);

        assertThat(endpoint)
                .containsEntry("port", "management")
                .containsEntry("path", "/actuator/prometheus")
                .containsEntry("scheme", "http")
                .containsEntry("interval", "30s")
                .containsEntry("scrapeTimeout", "10s");
    }

    @Test
    void serviceMonitorSelectsTheServiceAndItsPortExistsThere() {
        Map<String, Object> monitor = ON.one("ServiceMonitor");
        Map<String, Object> service = ON.one("Service");
        Map<String, Object> selector = map(monitor, "spec.selector.matchLabels");

        assertThat(selector).isNotEmpty();
        assertThat(map(service, "metadata.labels")).containsAllEntriesOf(selector);
        assertThat(Manifests.<List<String>>cast(at(monitor, "spec.namespaceSelector.matchNames")))
                .containsExactly(Charts.NAMESPACE);
        assertThat(list(service, "spec.ports"))
                .extracting(p -> p.get("name"))
                .contains(endpoint(ON).get("port"));
    }

    @Test
    void serviceMonitorSelectsNoPodOfTheHelmTest() {
        Map<String, Object> selector = map(ON.one("ServiceMonitor"), "spec.selector.matchLabels");
        Map<String, Object> testPod =
                Charts.renderHooks(Charts.APP, "app", METRICS_ON).ofKind("Pod").get(0);

        assertThat(map(testPod, "metadata.labels").entrySet().containsAll(selector.entrySet()))
                .isFalse();
    }

    @Test
    void serviceMonitorCarriesTheLabelsPrometheusSelectsItBy() {
        assertThat(map(ON.one("ServiceMonitor"), "metadata.labels"))
                .containsEntry("release", "kube-prometheus-stack")
                .containsEntry("app.kubernetes.io/name", "app")
                .containsEntry("app.kubernetes.io/instance", "app");
    }

    @Test
    void serviceMonitorMayLiveInPrometheusNamespaceAndStillScrapesTheReleaseNamespace() {
        Map<String, String> values = new LinkedHashMap<>(METRICS_ON);
        values.put("metrics.serviceMonitor.namespace", "monitoring");
        Map<String, Object> monitor = Charts.render(Charts.APP, "app", values).one("ServiceMonitor");

        assertThat(string(monitor, "metadata.namespace")).isEqualTo("monitoring");
        assertThat(Manifests.<List<String>>cast(at(monitor, "spec.namespaceSelector.matchNames")))
                .containsExactly(Charts.NAMESPACE);
    }

    @Test
    void serviceMonitorTakesTheConfiguredIntervalTimeoutAndRelabelings() {
        Map<String, String> values = new LinkedHashMap<>(METRICS_ON);
        values.put("metrics.serviceMonitor.interval", "1m");
        values.put("metrics.serviceMonitor.scrapeTimeout", "15s");
        values.put("metrics.serviceMonitor.metricRelabelings[0].action", "drop");
        values.put("metrics.serviceMonitor.metricRelabelings[0].sourceLabels[0]", "__name__");
        values.put("metrics.serviceMonitor.metricRelabelings[0].regex", "tomcat_.*");
        Map<String, Object> endpoint = endpoint(Charts.render(Charts.APP, "app", values));

        assertThat(endpoint)
                .containsEntry("interval", "1m")
                .containsEntry("scrapeTimeout", "15s")
                .doesNotContainKey("relabelings");
        assertThat(list(endpoint, "metricRelabelings"))
                .containsExactly(Map.of("action", "drop", "sourceLabels", List.of("__name__"), "regex", "tomcat_.*"));
    }

    @Test
    void serviceMonitorUsesOnlyFieldsOfTheCustomResourceDefinition() {
        Map<String, Object> monitor = ON.one("ServiceMonitor");
        Map<String, Object> endpoint = endpoint(ON);

        assertThat(monitor.keySet()).containsExactlyInAnyOrder("apiVersion", "kind", "metadata", "spec");
        assertThat(map(monitor, "metadata").keySet()).isSubsetOf("name", "namespace", "labels", "annotations");
        assertThat(map(monitor, "spec").keySet())
                .isSubsetOf(SERVICE_MONITOR_SPEC_FIELDS)
                .contains("selector", "endpoints");
        assertThat(map(monitor, "spec.selector").keySet()).isSubsetOf("matchLabels", "matchExpressions");
        assertThat(map(monitor, "spec.namespaceSelector").keySet()).isSubsetOf("any", "matchNames");
        assertThat(endpoint.keySet()).isSubsetOf(SERVICE_MONITOR_ENDPOINT_FIELDS);
        assertThat(string(endpoint, "interval")).matches(DURATION);
        assertThat(string(endpoint, "scrapeTimeout")).matches(DURATION);
        assertThat(string(endpoint, "scheme")).isIn("http", "https");
    }

    @Test
    void networkPolicyAdmitsTheConfiguredPrometheusToTheManagementPortOnly() {
        List<Map<String, Object>> rules = list(ON.one("NetworkPolicy"), "spec.ingress");

        assertThat(rules).hasSize(2);
        assertThat(rules).anySatisfy(rule -> {
            assertThat(list(rule, "ports")).containsExactly(Map.of("port", "management", "protocol", "TCP"));
            assertThat(list(rule, "from"))
                    .containsExactly(Map.of(
                            "namespaceSelector",
                            Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring"))));
        });
        assertThat(rules)
                .anySatisfy(rule ->
                        assertThat(list(rule, "ports")).containsExactly(Map.of("port", "http", "protocol", "TCP")));
    }

    @Test
    void dashboardConfigMapIsLabelledForTheGrafanaSidecar() {
        Map<String, Object> configMap = dashboardConfigMap(ON);

        assertThat(string(configMap, "metadata.name")).isEqualTo("app-dashboard");
        assertThat(string(configMap, "metadata.namespace")).isEqualTo(Charts.NAMESPACE);
        assertThat(map(configMap, "metadata.labels"))
                .containsEntry("grafana_dashboard", "1")
                .containsEntry("app.kubernetes.io/instance", "app");
        assertThat(map(configMap, "metadata")).doesNotContainKey("annotations");
    }

    @Test
    void dashboardLabelNamespaceAndFolderAreConfigurable() {
        Map<String, String> values = new LinkedHashMap<>(METRICS_ON);
        values.put("metrics.grafanaDashboard.label", "grafana.example.com/dashboard");
        values.put("metrics.grafanaDashboard.labelValue", "restaurant");
        values.put("metrics.grafanaDashboard.namespace", "monitoring");
        values.put("metrics.grafanaDashboard.folder", "Restaurant API");
        Map<String, Object> configMap = dashboardConfigMap(Charts.render(Charts.APP, "app", values));

        assertThat(map(configMap, "metadata.labels"))
                .containsEntry("grafana.example.com/dashboard", "restaurant")
                .doesNotContainKey("grafana_dashboard");
        assertThat(string(configMap, "metadata.namespace")).isEqualTo("monitoring");
        assertThat(map(configMap, "metadata.annotations"))
                .containsExactly(Map.entry("grafana_folder", "Restaurant API"));
    }

    @Test
    void dashboardConfigMapHoldsTheDashboardFileAsValidJson() throws IOException {
        Map<String, Object> data = map(dashboardConfigMap(ON), "data");

        assertThat(data.keySet()).containsExactly("restaurant-api.json");
        String json = (String) data.get("restaurant-api.json");
        assertThat(json).isEqualTo(Files.readString(DASHBOARD).strip());
        assertThat(JsonParser.parseString(json).getAsJsonObject().get("uid").getAsString())
                .isEqualTo("restaurant-api");
    }

    @Test
    void everyObjectButTheServiceMonitorIsValidForTheKubernetesApi() {
        Stream<Map<String, Object>> objects = Charts.renderHooks(Charts.APP, "app", METRICS_ON).objects().stream()
                .filter(o -> !"ServiceMonitor".equals(o.get("kind")));

        assertThat(objects)
                .isNotEmpty()
                .allSatisfy(o -> assertThat(KubernetesSchema.problems(o))
                        .as("%s %s", o.get("kind"), string(o, "metadata.name"))
                        .isEmpty());
    }

    @Test
    void chartPassesStrictLintWithMetricsOn() throws IOException {
        Path chart = copyOfTheChartWithMetricsOn();
        LintResult result = new Helm(chart).lint().strict().call();

        assertThat(result.isFailed())
                .as("lint failed: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    static Stream<Arguments> badMetricsValues() {
        return Stream.of(
                Arguments.of(
                        "a flag that is not a boolean",
                        "metrics:\n  serviceMonitor:\n    enabled: \"yes\"\n",
                        "enabled"),
                Arguments.of(
                        "an interval that is not a Prometheus duration",
                        "metrics:\n  serviceMonitor:\n    interval: 30 seconds\n",
                        "interval"),
                Arguments.of(
                        "labels that are not a map of strings",
                        "metrics:\n  serviceMonitor:\n    labels: [release]\n",
                        "labels"),
                Arguments.of(
                        "a dashboard label that is not a label key",
                        "metrics:\n  grafanaDashboard:\n    label: grafana dashboard\n",
                        "label"),
                Arguments.of(
                        "a label value that is not a string",
                        "metrics:\n  grafanaDashboard:\n    labelValue: 1\n",
                        "labelValue"),
                Arguments.of("an unknown key", "metrics:\n  serviceMonitor:\n    intervall: 30s\n", "intervall"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMetricsValues")
    void schemaRefusesABadMetricsValue(String problem, String yaml, String key) throws IOException {
        Path values = Files.writeString(temp.resolve("values.yaml"), yaml);

        assertThatThrownBy(() -> Charts.render(Charts.APP, "app", Map.of(), values))
                .isInstanceOf(Charts.RenderException.class)
                .hasMessageContaining("metrics")
                .hasMessageContaining(key);
    }

    /** A copy of charts/app whose default values turn the ServiceMonitor and the dashboard on ({@code helm lint} takes no values). */
    private Path copyOfTheChartWithMetricsOn() throws IOException {
        Path copy = temp.resolve("app");
        try (Stream<Path> files = Files.walk(Charts.APP)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(Charts.APP.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Yaml yaml = new Yaml();
        Map<String, Object> values = yaml.load(Files.readString(copy.resolve("values.yaml")));
        Map<String, Object> serviceMonitor = map(values, "metrics.serviceMonitor");
        serviceMonitor.put("enabled", true);
        serviceMonitor.put("labels", Map.of("release", "kube-prometheus-stack"));
        Map<String, Object> dashboard = map(values, "metrics.grafanaDashboard");
        dashboard.put("enabled", true);
        dashboard.put("folder", "Restaurant API");
        map(values, "networkPolicy")
                .put(
                        "managementFrom",
                        List.of(Map.of(
                                "namespaceSelector",
                                Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")))));
        Files.writeString(copy.resolve("values.yaml"), yaml.dump(values));
        return copy;
    }
}
