package io.restaurantapi.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "Database" row of charts/app/files/dashboards/restaurant-api.json: panels that query the metrics of the mongo
 * chart's exporter (percona/mongodb_exporter, {@code metrics.enabled}), scoped to the database pods, not the service's.
 */
class GrafanaDatabasePanelsTest {

    /**
     * The series the panels read, as percona/mongodb_exporter 0.53.0 (the chart's tag) exports them with
     * {@code --collector.diagnosticdata --compatible-mode}, and the labels of each (beside Prometheus' target labels):
     * {@code mongodb_up} in exporter/general_collector.go; {@code mongodb_ss_connections} and
     * {@code mongodb_ss_opcounters} in exporter/metrics.go (serverStatus becomes {@code ss}, and the fields of
     * serverStatus.connections and serverStatus.opcounters the values of {@code conn_type} and
     * {@code legacy_op_type}); {@code mongodb_mongod_replset_member_replication_lag} in exporter/v1_compatibility.go
     * (replSetMetrics, compatible mode only, one series per secondary).
     */
    static final Map<String, Set<String>> EXPORTER = Map.of(
            "mongodb_up", Set.of("cluster_role"),
            "mongodb_ss_connections", Set.of("conn_type"),
            "mongodb_ss_opcounters", Set.of("legacy_op_type"),
            "mongodb_mongod_replset_member_replication_lag", Set.of("name", "state", "set", "self"));

    /** Labels the Prometheus Operator gives every target of a ServiceMonitor. */
    private static final Set<String> TARGET_LABELS = Set.of("namespace", "pod", "service", "endpoint", "job");

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

    /** The panels after the "Database" row, up to the next row. */
    private static List<JsonObject> databasePanels() {
        List<JsonObject> panels = new ArrayList<>();
        boolean inRow = false;
        for (JsonObject panel : GrafanaDashboardIT.panels()) {
            if ("row".equals(panel.get("type").getAsString())) {
                inRow = "Database".equals(panel.get("title").getAsString());
            } else if (inRow) {
                panels.add(panel);
            }
        }
        return panels;
    }

    private static List<String> expressions(List<JsonObject> panels) {
        List<String> expressions = new ArrayList<>();
        for (JsonObject panel : panels) {
            for (JsonElement target : panel.getAsJsonArray("targets")) {
                expressions.add(target.getAsJsonObject().get("expr").getAsString());
            }
        }
        return expressions;
    }

    private static Set<String> labelsUsed(String expression) {
        Set<String> labels = new TreeSet<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                labels.add(matcher.group(1));
            }
        }
        Matcher grouping = GROUPING.matcher(expression);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                labels.add(label.trim());
            }
        }
        return labels;
    }

    @Test
    void theDatabaseRowShowsUpConnectionsOperationsAndReplicationLag() {
        assertThat(databasePanels())
                .extracting(p -> p.get("title").getAsString())
                .containsExactly(
                        "Database exporter up", "Database connections", "Database operations", "Replication lag");
    }

    @Test
    void everyDatabaseQuerySelectsOnlyMetricsTheExporterExports() {
        assertThat(expressions(databasePanels()))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(GrafanaDashboardIT.metrics(e))
                        .as(e)
                        .isNotEmpty()
                        .isSubsetOf(EXPORTER.keySet()));
    }

    @Test
    void everyDatabaseQueryUsesOnlyLabelsItsSeriesCarry() {
        for (String expression : expressions(databasePanels())) {
            Set<String> carried = new TreeSet<>(TARGET_LABELS);
            GrafanaDashboardIT.metrics(expression).forEach(m -> carried.addAll(EXPORTER.getOrDefault(m, Set.of())));

            assertThat(labelsUsed(expression)).as(expression).isSubsetOf(carried);
        }
    }

    @Test
    void coversTheExportersUpConnectionsOperationsAndReplicationLag() {
        List<String> expressions = expressions(databasePanels());

        assertThat(expressions)
                .anyMatch(e -> e.contains("mongodb_up{"))
                .anyMatch(e -> e.contains("mongodb_ss_connections{") && e.contains("conn_type=\"current\""))
                .anyMatch(e -> e.contains("mongodb_ss_connections{") && e.contains("conn_type=\"available\""))
                .anyMatch(e -> e.startsWith("sum by (legacy_op_type) (rate(mongodb_ss_opcounters{"))
                .anyMatch(e ->
                        e.contains("mongodb_mongod_replset_member_replication_lag{") && e.contains("by (set, name)"));
    }

    /**
     * The service's panels are scoped to its pods, the database panels to the database pods: that scope tells a
     * reader, and the check of the service's metrics, which metrics come from the exporter.
     */
    @Test
    void theDatabasePodScopeMarksExactlyTheSelectorsOfExporterMetrics() {
        List<String> all = expressions(GrafanaDashboardIT.panels().stream()
                .filter(p -> p.has("targets"))
                .toList());
        for (String expression : all) {
            Matcher selector = SELECTOR.matcher(expression);
            while (selector.find()) {
                boolean exporterMetric = EXPORTER.containsKey(selector.group(1));
                assertThat(selector.group(2).contains(GrafanaDashboardIT.DATABASE_POD))
                        .as("%s is scoped to the database pods", selector.group())
                        .isEqualTo(exporterMetric);
                if (exporterMetric) {
                    assertThat(selector.group(2)).as(expression).contains("namespace=~\"$namespace\"");
                }
            }
        }
    }

    @Test
    void theDatabasePodVariableListsThePodsWhoseExporterIsScraped() {
        JsonObject variable = GrafanaDashboardIT.variable("mongodb_pod");

        assertThat(variable.get("type").getAsString()).isEqualTo("query");
        assertThat(variable.getAsJsonObject("datasource").get("uid").getAsString())
                .isEqualTo("${datasource}");
        assertThat(variable.get("definition").getAsString())
                .isEqualTo("label_values(mongodb_up{namespace=~\"$namespace\"}, pod)");
        assertThat(variable.get("includeAll").getAsBoolean()).isTrue();
    }

    @Test
    void theReplicationLagPanelSaysAStandaloneShowsNothing() {
        assertThat(databasePanels())
                .filteredOn(p -> p.get("title").getAsString().equals("Replication lag"))
                .singleElement()
                .satisfies(p -> assertThat(p.get("description").getAsString())
                        .contains("standalone")
                        .contains("empty"));
    }
}
