package io.restaurantapi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Made-up explain outputs, shaped like MongoDB 8's, for the plan reading that the index tests rely on. */
class QueryPlanTest {

    private static final Document NAME_INDEX = Document.parse("{name: 1, _id: 1}");

    private static Document explained(String winningPlan) {
        return Document.parse("{explainVersion: '2', queryPlanner: {namespace: 'restaurant.restaurant', winningPlan: "
                + winningPlan + ", rejectedPlans: []}, ok: 1}");
    }

    private static final Document SLOT_BASED_PAGE = explained("""
            {queryPlan: {stage: 'LIMIT', limitAmount: 2, inputStage: {stage: 'SKIP', skipAmount: 2,
              inputStage: {stage: 'FETCH', inputStage: {stage: 'IXSCAN', keyPattern: {name: 1, _id: 1},
                indexName: 'name_1__id_1', direction: 'backward'}}}},
             slotBasedPlan: {slots: '$$RESULT=s11', stages: '[2] limit 2'}}""");

    @Test
    void readsTheStageTreeThatTheSlotBasedEngineNestsUnderQueryPlan() {
        QueryPlan plan = QueryPlan.winning(SLOT_BASED_PAGE);

        assertThat(plan.stageNames()).containsExactly("LIMIT", "SKIP", "FETCH", "IXSCAN");
        assertThat(plan.scannedIndexes()).containsExactly("{\"name\": 1, \"_id\": 1}");
        assertThatCode(() -> plan.assertScansOnly(NAME_INDEX)).doesNotThrowAnyException();
    }

    @Test
    void readsTheClassicEnginesStageTreeAndEveryBranchOfAMerge() {
        QueryPlan plan = QueryPlan.winning(explained("""
                {stage: 'PROJECTION_DEFAULT', transformBy: {name: 1}, inputStage: {stage: 'SORT_MERGE', inputStages: [
                  {stage: 'IXSCAN', keyPattern: {name: 1, _id: 1}}, {stage: 'IXSCAN', keyPattern: {name: 1, _id: 1}}]}}"""));

        assertThat(plan.stageNames()).containsExactly("PROJECTION_DEFAULT", "SORT_MERGE", "IXSCAN", "IXSCAN");
        assertThatCode(() -> plan.assertScansOnly(NAME_INDEX)).doesNotThrowAnyException();
    }

    @Test
    void failsOnACollectionScan() {
        QueryPlan plan = QueryPlan.winning(explained("""
                {queryPlan: {stage: 'SORT', sortPattern: {name: -1, _id: -1}, inputStage: {stage: 'COLLSCAN',
                  direction: 'forward'}}, slotBasedPlan: {}}"""));

        assertThatThrownBy(() -> plan.assertScansOnly(NAME_INDEX))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("COLLSCAN");
    }

    @Test
    void failsOnAnotherIndexThanTheExpectedOne() {
        QueryPlan plan = QueryPlan.winning(explained("""
                {stage: 'LIMIT', inputStage: {stage: 'FETCH', filter: {name: {$regex: 'wok', $options: 'i'}},
                  inputStage: {stage: 'IXSCAN', keyPattern: {_id: 1}, indexName: '_id_'}}}"""));

        assertThatThrownBy(() -> plan.assertScansOnly(NAME_INDEX))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("{\"_id\": 1}");
    }

    @Test
    void failsOnTheRightKeysInTheWrongOrder() {
        QueryPlan plan = QueryPlan.winning(explained("""
                {stage: 'FETCH', inputStage: {stage: 'IXSCAN', keyPattern: {_id: 1, name: 1}}}"""));

        assertThatThrownBy(() -> plan.assertScansOnly(NAME_INDEX)).isInstanceOf(AssertionError.class);
    }

    @Test
    void refusesAnOutputWithoutAWinningPlan() {
        assertThatThrownBy(() -> QueryPlan.winning(Document.parse("{ok: 1}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("winning plan");
    }
}
