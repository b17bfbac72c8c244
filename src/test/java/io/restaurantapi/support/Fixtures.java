package io.restaurantapi.support;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The made-up datasets under src/test/resources/datasets. */
public final class Fixtures {

    private Fixtures() {}

    /** Six restaurants covering the shapes the real data has and some it might: see the file. */
    public static Path restaurants() {
        return dataset("restaurants.jsonl");
    }

    public static Path dataset(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/datasets/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
