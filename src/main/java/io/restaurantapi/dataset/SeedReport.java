package io.restaurantapi.dataset;

import java.util.List;

/**
 * What one run of the seeder did. {@code rejected} lists each line that was not loaded, with its number and reason.
 */
public record SeedReport(long read, long inserted, long updated, long unchanged, List<InvalidLineException> rejected) {

    public boolean complete() {
        return rejected.isEmpty();
    }

    public String summary() {
        return "read %d, inserted %d, updated %d, unchanged %d, rejected %d"
                .formatted(read, inserted, updated, unchanged, rejected.size());
    }
}
