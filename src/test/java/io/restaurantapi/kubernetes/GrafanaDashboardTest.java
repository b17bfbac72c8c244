package io.restaurantapi.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * charts/app/files/dashboards/restaurant-api.json: a Grafana dashboard that queries, through a Prometheus data source
 * variable, only the metrics the service exports on {@code /actuator/prometheus}.
 */
class GrafanaDashboardTest {

    private static final JsonObject DASHBOARD = load();

    /**
     * The series the service exports (Micrometer's Prometheus registry): HTTP server requests (the buckets with
     * {@code management.metrics.distribution.percentiles-histogram.http.server.requests=true}), the MongoDB driver's
     * command and pool metrics, and the JVM and process metrics.
     */
    static final Set<String> EXPORTED = Set.of(
            "http_server_requests_seconds_count",
            "http_server_requests_seconds_sum",
            "http_server_requests_seconds_max",
            "http_server_requests_seconds_bucket",
            "mongodb_driver_commands_seconds_count",
            "mongodb_driver_commands_seconds_sum",
            "mongodb_driver_commands_seconds_max",
            "mongodb_driver_pool_size",
            "mongodb_driver_pool_checkedout",
            "mongodb_driver_pool_waitqueuesize",
            "jvm_memory_used_bytes",
            "jvm_gc_pause_seconds_count",
            "jvm_gc_pause_seconds_sum",
            "jvm_gc_pause_seconds_max",
            "jvm_threads_live_threads",
            "process_cpu_usage",
            "system_cpu_usage");

    /** A metric selector: a metric name followed by its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");

    private static final String DATASOURCE = "${datasource}";

    /**
     * The scope of every selector of the database panels, whose metrics the mongo chart's exporter exports, not the
     * service; no other selector has it (see {@link GrafanaDatabasePanelsTest}).
     */
    static final String DATABASE_POD = "pod=~\"$mongodb_pod\"";

    private static JsonObject load() {
        try {
            return JsonParser.parseString(Files.readString(Charts.APP.resolve("files/dashboards/restaurant-api.json")))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonObject> panels() {
        List<JsonObject> panels = new ArrayList<>();
        for (JsonElement panel : DASHBOARD.getAsJsonArray("panels")) {
            panels.add(panel.getAsJsonObject());
            if (panel.getAsJsonObject().has("panels")) {
                panel.getAsJsonObject().getAsJsonArray("panels").forEach(p -> panels.add(p.getAsJsonObject()));
            }
        }
        return panels;
    }

    private static List<JsonObject> queryPanels() {
        return panels().stream()
                .filter(p -> !"row".equals(p.get("type").getAsString()))
                .toList();
    }

    /** The expressions that query the service's metrics: all but the database panels'. */
    private static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonObject panel : queryPanels()) {
            panel.getAsJsonArray("targets")
                    .forEach(
                            t -> expressions.add(t.getAsJsonObject().get("expr").getAsString()));
        }
        return expressions.stream().filter(e -> !e.contains(DATABASE_POD)).toList();
    }

    static JsonObject variable(String name) {
        for (JsonElement variable : DASHBOARD.getAsJsonObject("templating").getAsJsonArray("list")) {
            if (name.equals(variable.getAsJsonObject().get("name").getAsString())) {
                return variable.getAsJsonObject();
            }
        }
        throw new AssertionError("no variable " + name);
    }

    /** The metric names an expression selects. */
    static Set<String> metrics(String expression) {
        Set<String> metrics = new TreeSet<>();
        Matcher matcher = SELECTOR.matcher(expression);
        while (matcher.find()) {
            metrics.add(matcher.group(1));
        }
        return metrics;
    }

    @Test
    void isAGrafanaDashboardWithAStableUid() {
        assertThat(DASHBOARD.get("schemaVersion").getAsInt()).isBetween(36, 41);
        assertThat(DASHBOARD.get("uid").getAsString()).isEqualTo("restaurant-api");
        assertThat(DASHBOARD.get("title").getAsString()).isEqualTo("restaurant-api");
        assertThat(DASHBOARD.get("id").isJsonNull())
                .as("id is assigned by Grafana")
                .isTrue();
    }

    @Test
    void dataSourceIsAPrometheusVariable() {
        JsonObject datasource = variable("datasource");

        assertThat(datasource.get("type").getAsString()).isEqualTo("datasource");
        assertThat(datasource.get("query").getAsString()).isEqualTo("prometheus");
    }

    @Test
    void namespaceApplicationAndPodVariablesQueryTheDataSource() {
        for (String name : List.of("namespace", "application", "pod")) {
            JsonObject variable = variable(name);
            assertThat(variable.get("type").getAsString()).as(name).isEqualTo("query");
            assertThat(variable.getAsJsonObject("datasource").get("uid").getAsString())
                    .as(name)
                    .isEqualTo(DATASOURCE);
            assertThat(variable.get("definition").getAsString())
                    .as(name)
                    .startsWith("label_values(")
                    .endsWith(", " + name + ")");
        }
    }

    @Test
    void everyPanelAndQueryUsesTheDataSourceVariable() {
        assertThat(queryPanels()).isNotEmpty().allSatisfy(panel -> {
            String title = panel.get("title").getAsString();
            assertThat(panel.getAsJsonObject("datasource").get("uid").getAsString())
                    .as(title)
                    .isEqualTo(DATASOURCE);
            assertThat(panel.getAsJsonArray("targets"))
                    .as(title)
                    .isNotEmpty()
                    .allSatisfy(target -> assertThat(target.getAsJsonObject()
                                    .getAsJsonObject("datasource")
                                    .get("uid")
                                    .getAsString())
                            .as(title)
                            .isEqualTo(DATASOURCE));
        });
    }

    @Test
    void everyQuerySelectsOnlyMetricsTheServiceExports() {
        assertThat(expressions())
                .isNotEmpty()
                .allSatisfy(expression -> assertThat(metrics(expression))
                        .as(expression)
                        .isNotEmpty()
                        .isSubsetOf(EXPORTED));
    }

    @Test
    void everySelectorIsScopedToTheChosenNamespaceApplicationAndPod() {
        for (String expression : expressions()) {
            Matcher selector = SELECTOR.matcher(expression);
            while (selector.find()) {
                assertThat(selector.group(2))
                        .as(expression)
                        .contains("namespace=~\"$namespace\"", "application=~\"$application\"", "pod=~\"$pod\"");
            }
        }
    }

    @Test
    void coversRequestsErrorsLatencyMongodbAndTheJvm() {
        Set<String> used = new HashSet<>();
        expressions().forEach(e -> used.addAll(metrics(e)));

        assertThat(used)
                .contains(
                        "http_server_requests_seconds_count",
                        "http_server_requests_seconds_sum",
                        "http_server_requests_seconds_max",
                        "http_server_requests_seconds_bucket",
                        "mongodb_driver_commands_seconds_count",
                        "mongodb_driver_commands_seconds_sum",
                        "mongodb_driver_pool_size",
                        "mongodb_driver_pool_checkedout",
                        "mongodb_driver_pool_waitqueuesize",
                        "jvm_memory_used_bytes",
                        "jvm_gc_pause_seconds_sum",
                        "jvm_threads_live_threads",
                        "process_cpu_usage");
        assertThat(expressions())
                .anyMatch(e -> e.contains("status=~\"5..\""))
                .anyMatch(e -> e.contains("status=~\"4..\""))
                .anyMatch(e -> e.startsWith("histogram_quantile(0.99,"));
    }

    @Test
    void requestRatesAreByRouteTemplateAndStatus() {
        assertThat(expressions())
                .anyMatch(e -> e.startsWith("sum by (method, uri, status) (rate(http_server_requests_seconds_count{"));
    }

    @Test
    void panelsHaveUniqueIdsAndRefIdsAndFitTheGridWithoutOverlapping() {
        List<JsonObject> panels = panels();
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        for (JsonObject panel : panels) {
            String title = panel.get("title").getAsString();
            assertThat(ids.add(panel.get("id").getAsInt()))
                    .as("id of %s is unique", title)
                    .isTrue();
            JsonObject grid = panel.getAsJsonObject("gridPos");
            int x = grid.get("x").getAsInt();
            int y = grid.get("y").getAsInt();
            int w = grid.get("w").getAsInt();
            int h = grid.get("h").getAsInt();
            assertThat(x + w).as("%s fits the 24 columns", title).isLessThanOrEqualTo(24);
            for (int row = y; row < y + h; row++) {
                for (int column = x; column < x + w; column++) {
                    assertThat(cells.add(row + ":" + column))
                            .as("%s overlaps another panel at %d:%d", title, row, column)
                            .isTrue();
                }
            }
            if (panel.has("targets")) {
                Set<String> refIds = new HashSet<>();
                panel.getAsJsonArray("targets")
                        .forEach(t -> assertThat(refIds.add(
                                        t.getAsJsonObject().get("refId").getAsString()))
                                .as("refIds of %s", title)
                                .isTrue());
            }
        }
    }

    @Test
    void theMetricExtractionFindsEverySelectorOfAnExpression() {
        assertThat(metrics(
                        "sum(rate(a_total{x=\"1\"}[5m])) / sum(rate(b_seconds_count{y=~\"$y\"}[5m])) > on() vector(1)"))
                .containsExactly("a_total", "b_seconds_count");
    }
}
