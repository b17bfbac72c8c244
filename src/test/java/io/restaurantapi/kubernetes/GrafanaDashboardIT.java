package io.restaurantapi.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.TestMongo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * charts/app/files/dashboards/restaurant-api.json: a Grafana dashboard that queries, through a Prometheus data source
 * variable, only series the service exports. The service runs on a random port, answers the requests the panels graph
 * (a list, a conditional request, a 404, a 400), and what its {@code /actuator/prometheus} serves, in either format
 * Prometheus asks for, is what every query's metrics and labels are checked against.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GrafanaDashboardIT {

    private static final JsonObject DASHBOARD = load();

    /**
     * The labels Prometheus adds to every series it scrapes through the chart's ServiceMonitor (the Prometheus
     * Operator's target labels), which the service itself does not export.
     */
    static final Set<String> TARGET_LABELS =
            Set.of("namespace", "service", "pod", "container", "endpoint", "job", "instance");

    /** The text formats Prometheus negotiates: its own text format and OpenMetrics. */
    static final List<String> FORMATS =
            List.of("text/plain;version=0.0.4", "application/openmetrics-text;version=1.0.0");

    /** A metric selector: a metric name followed by its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");

    /** A label matcher of a selector: the label name, an operator and a quoted value. */
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");

    /** An identifier of PromQL: a metric or a function name, a keyword, or (in a grouping clause) a label. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** A grouping clause and its labels. */
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, "grafana_dashboard_it");
    }

    @LocalServerPort
    int port;

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

    /**
     * The queries of the namespace, application and pod variables, {@code label_values(selector, label)}, as the
     * expressions that need the same series and label: {@code sum by (label) (selector)}.
     */
    private static List<String> variableQueries() {
        return Stream.of("namespace", "application", "pod")
                .map(name -> variable(name)
                        .get("definition")
                        .getAsString()
                        .replaceFirst("^label_values\\((.*), *([a-zA-Z_][a-zA-Z0-9_]*)\\)$", "sum by ($2) ($1)"))
                .toList();
    }

    /**
     * The metric names an expression selects, with or without label matchers: every identifier that is neither a
     * function or aggregation (followed by a parenthesis), nor a keyword, nor inside a string, a range, a grouping
     * clause or label matchers.
     */
    static Set<String> metrics(String expression) {
        String bare = GROUPING.matcher(expression
                        .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                        .replaceAll("\\{[^}]*}", " ")
                        .replaceAll("\\[[^\\]]*]", " "))
                .replaceAll(" ");
        Set<String> metrics = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            boolean call = bare.substring(identifier.end()).matches("(?s)\\s*\\(.*");
            if (!call && !KEYWORDS.contains(identifier.group())) {
                metrics.add(identifier.group());
            }
        }
        return metrics;
    }

    /** The label names an expression filters or groups on, and the metrics each applies to. */
    static Map<String, Set<String>> labelsByMetric(String expression) {
        Map<String, Set<String>> labels = new TreeMap<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                labels.computeIfAbsent(selector.group(1), m -> new TreeSet<>()).add(matcher.group(1));
            }
        }
        Matcher grouping = GROUPING.matcher(expression);
        while (grouping.find()) {
            for (String label : grouping.group(2).split(",")) {
                if (!label.isBlank()) {
                    metrics(expression)
                            .forEach(m -> labels.computeIfAbsent(m, k -> new TreeSet<>())
                                    .add(label.strip()));
                }
            }
        }
        return labels;
    }

    /** Requests that give every panel's series a sample: a list, a conditional request, a 404 and a 400. */
    private void answerTheRequestsThePanelsGraph() {
        Http http = new Http(port);
        HttpResponse<String> list = http.get("/api/v1/restaurant");
        assertThat(list.statusCode()).isEqualTo(200);
        String etag = list.headers().firstValue("ETag").orElseThrow();
        assertThat(http.get("/api/v1/restaurant", "If-None-Match", etag).statusCode())
                .isEqualTo(304);
        assertThat(http.get("/api/v1/restaurant/000000000000000000000000").statusCode())
                .isEqualTo(404);
        String tooManyParameters =
                IntStream.range(0, 33).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));
        assertThat(http.get("/api/v1/restaurant?" + tooManyParameters).statusCode())
                .isEqualTo(400);
    }

    /** The scrape in one format, once a garbage collection (which the GC panel graphs) has been recorded. */
    private Exposition scrape(String format) throws InterruptedException {
        Http http = new Http(port);
        Exposition exposition = Exposition.parse(
                http.get("/actuator/prometheus", "Accept", format).body());
        for (int attempt = 0; !exposition.has("jvm_gc_pause_seconds_count") && attempt < 50; attempt++) {
            System.gc();
            Thread.sleep(100);
            exposition = Exposition.parse(
                    http.get("/actuator/prometheus", "Accept", format).body());
        }
        return exposition;
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("FORMATS")
    void everyQuerySelectsMetricsTheServiceExportsWithTheLabelsItFiltersOn(String format) throws Exception {
        answerTheRequestsThePanelsGraph();
        Exposition exposition = scrape(format);

        assertThat(Stream.concat(expressions().stream(), variableQueries().stream()))
                .isNotEmpty()
                .allSatisfy(expression -> {
                    assertThat(metrics(expression))
                            .as(expression)
                            .isNotEmpty()
                            .allSatisfy(metric -> assertThat(exposition.metrics())
                                    .as("metrics exported (%s)", format)
                                    .contains(metric));
                    labelsByMetric(expression)
                            .forEach((metric, labels) -> assertThat(labels)
                                    .as("labels of %s in %s", metric, expression)
                                    .allSatisfy(label ->
                                            assertThat(label).isIn(union(exposition.labels(metric), TARGET_LABELS))));
                });
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
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
    void theMetricExtractionFindsEveryMetricOfAnExpressionWithOrWithoutMatchers() {
        assertThat(metrics("sum by (le) (rate(a_total{x=\"rate(b)\"}[5m])) / sum(rate(b_seconds_count[$i]))"
                        + " > on() vector(1) or up and histogram_quantile(0.9, c_bucket{le!=\"1\"})"))
                .containsExactly("a_total", "b_seconds_count", "c_bucket", "up");
    }

    @Test
    void theLabelExtractionFindsMatchersAndGroupingLabels() {
        assertThat(labelsByMetric("sum by (uri, status) (rate(a_count{pod=~\"$pod\", status!~\"5..\"}[1m]))"))
                .containsExactly(Map.entry("a_count", new TreeSet<>(Set.of("pod", "status", "uri"))));
    }

    /**
     * What a scrape of {@code /actuator/prometheus} exports: each series' metric name and label names, from the
     * Prometheus text format or OpenMetrics ({@code name{label="value",...} value}; comment lines skipped).
     */
    record Exposition(Map<String, Set<String>> labelsByMetric) {

        static Exposition parse(String body) {
            Map<String, Set<String>> labels = new TreeMap<>();
            for (String line : body.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher name = IDENTIFIER.matcher(line);
                if (!name.lookingAt()) {
                    throw new IllegalArgumentException("not a sample line: " + line);
                }
                Set<String> names = labels.computeIfAbsent(name.group(), m -> new TreeSet<>());
                if (line.startsWith("{", name.end())) {
                    names.addAll(labelNames(line, name.end() + 1));
                }
            }
            return new Exposition(labels);
        }

        /** The label names of {@code label="value",...}} from {@code start}; values may hold escaped quotes and braces. */
        private static Set<String> labelNames(String line, int start) {
            Set<String> names = new TreeSet<>();
            int at = start;
            while (line.charAt(at) != '}') {
                int equals = line.indexOf("=\"", at);
                names.add(line.substring(at, equals));
                at = equals + 2;
                while (line.charAt(at) != '"') {
                    at += line.charAt(at) == '\\' ? 2 : 1;
                }
                at++;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            return names;
        }

        Set<String> metrics() {
            return labelsByMetric.keySet();
        }

        boolean has(String metric) {
            return labelsByMetric.containsKey(metric);
        }

        Set<String> labels(String metric) {
            return labelsByMetric.getOrDefault(metric, Set.of());
        }
    }
}
