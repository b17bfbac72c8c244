package io.restaurantapi.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.dataset.DatasetSource;
import io.restaurantapi.dataset.DatasetUnavailableException;
import io.restaurantapi.dataset.SeedReport;
import java.nio.file.Path;

/** The full public dataset ({@code RESTAURANT_DATASET}, else {@code data/restaurant.json}), loaded through the seeder. */
public final class PublicDataset {

    private PublicDataset() {}

    public static Path path() throws DatasetUnavailableException {
        return DatasetSource.PINNED.resolve(System.getenv("RESTAURANT_DATASET"));
    }

    /** Loads it into a fresh database of that name, in the collection the service reads by default. */
    public static void loadInto(String database) throws Exception {
        SeedReport report = new DatasetSeeder(TestDatabases.fresh(database), "restaurant").seed(path(), true);
        assertThat(report.complete()).isTrue();
    }
}
