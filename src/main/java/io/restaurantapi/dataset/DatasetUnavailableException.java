package io.restaurantapi.dataset;

/** The dataset file cannot be found, read or downloaded; the message says which and what to do. */
public class DatasetUnavailableException extends Exception {

    public DatasetUnavailableException(String message) {
        super(message);
    }

    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
