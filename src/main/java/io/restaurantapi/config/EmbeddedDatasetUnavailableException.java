package io.restaurantapi.config;

import io.restaurantapi.dataset.DatasetUnavailableException;

/** The embedded development database has no dataset to load at startup. */
class EmbeddedDatasetUnavailableException extends RuntimeException {

    EmbeddedDatasetUnavailableException(DatasetUnavailableException cause) {
        super("The embedded database cannot be loaded: " + cause.getMessage(), cause);
    }
}
