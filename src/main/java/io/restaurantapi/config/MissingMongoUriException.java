package io.restaurantapi.config;

/** Startup without {@code MONGODB_URI} outside the embedded mode. */
public class MissingMongoUriException extends IllegalStateException {

    public MissingMongoUriException() {
        super("MONGODB_URI is not set");
    }
}
