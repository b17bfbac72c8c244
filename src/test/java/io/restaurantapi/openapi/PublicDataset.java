package io.restaurantapi.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.dataset.DatasetSource;
import io.restaurantapi.dataset.SeedReport;
import io.restaurantapi.support.TestDatabases;

/** The full public dataset ({@code RESTAURANT_DATASET}, else {@code data/restaurant.json}), loaded through the seeder. */
final class PublicDataset {

    private PublicDataset() {
    }

    /** Loads it into a fresh database of that name, in the collection the service reads by default. */
    static void loadInto(String database) throws Exception {
        SeedReport report = new DatasetSeeder(TestDatabases.fresh(database), "restaurant")
                .seed(DatasetSource.PINNED.resolve(System.getenv("RESTAURANT_DATASET")), true);
        assertThat(report.complete()).isTrue();
    }
}
