package io.restaurantapi.config;

import io.restaurantapi.dataset.DatasetSource;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a first {@code ./mvnw spring-boot:run} without the dataset (no network, no file) into a short paragraph
 * saying where to put it, instead of a stack trace.
 */
class EmbeddedDatasetFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatasetUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatasetUnavailableException cause) {
        DatasetSource pinned = DatasetSource.PINNED;
        return new FailureAnalysis(
                "The embedded development database loads the restaurant dataset at startup, and it has none: "
                        + cause.getCause().getMessage() + ".",
                "Download " + pinned.url() + " (SHA-256 " + pinned.sha256() + ") to " + pinned.defaultPath()
                        + ", or point RESTAURANT_DATASET at a copy: "
                        + "RESTAURANT_DATASET=/path/to/restaurant.json ./mvnw spring-boot:run",
                cause);
    }
}
