package io.restaurantapi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The stage tree of the plan MongoDB chose for a query, read from the output of {@code explain}. The classic engine
 * puts the tree in {@code queryPlanner.winningPlan}; the slot-based engine (MongoDB 8's default) nests it under
 * {@code winningPlan.queryPlan}, beside its {@code slotBasedPlan}. Each stage names its children in
 * {@code inputStage}, or in {@code inputStages} when it merges several (OR, SORT_MERGE).
 */
public record QueryPlan(List<Document> stages) {

    /** The winning plan of an explain output; fails when the output has none. */
    public static QueryPlan winning(Document explained) {
        Document planner = explained.get("queryPlanner", Document.class);
        if (planner == null || !(planner.get("winningPlan") instanceof Document winningPlan)) {
            throw new IllegalArgumentException("not an explain output with a winning plan: " + explained.toJson());
        }
        Document root = winningPlan.get("queryPlan") instanceof Document queryPlan ? queryPlan : winningPlan;
        List<Document> stages = new ArrayList<>();
        collect(root, stages);
        return new QueryPlan(stages);
    }

    private static void collect(Document stage, List<Document> stages) {
        stages.add(stage);
        if (stage.get("inputStage") instanceof Document input) {
            collect(input, stages);
        }
        if (stage.get("inputStages") instanceof List<?> inputs) {
            for (Object input : inputs) {
                collect((Document) input, stages);
            }
        }
    }

    public List<String> stageNames() {
        return stages.stream().map(stage -> stage.getString("stage")).toList();
    }

    /** The key pattern of each index the plan scans, as JSON, in which the order of the keys counts. */
    public List<String> scannedIndexes() {
        return stages.stream()
                .filter(stage -> "IXSCAN".equals(stage.getString("stage")))
                .map(stage -> stage.get("keyPattern", Document.class).toJson())
                .toList();
    }

    /** Asserts that the plan reads the collection through {@code keyPattern} alone, never by a collection scan. */
    public void assertScansOnly(Document keyPattern) {
        assertThat(stageNames()).as("the plan's stages").doesNotContain("COLLSCAN");
        assertThat(scannedIndexes())
                .as("the indexes the plan scans, stages %s", stageNames())
                .isNotEmpty()
                .containsOnly(keyPattern.toJson());
    }
}
