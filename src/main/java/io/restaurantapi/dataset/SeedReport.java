package io.restaurantapi.dataset;

import java.util.List;

/**
 * What one run of the seeder did, compared with the collection it replaced: {@code inserted}, {@code updated} and
 * {@code unchanged} count the file's documents, {@code removed} the replaced collection's documents the file lacks.
 * {@code rejected} lists each line that was not loaded, with its number and reason.
 */
public record SeedReport(
        long read, long inserted, long updated, long unchanged, long removed, List<InvalidLineException> rejected) {

    public boolean complete() {
        return rejected.isEmpty();
    }

    public String summary() {
        return "read %d, inserted %d, updated %d, unchanged %d, removed %d, rejected %d"
                .formatted(read, inserted, updated, unchanged, removed, rejected.size());
    }
}
