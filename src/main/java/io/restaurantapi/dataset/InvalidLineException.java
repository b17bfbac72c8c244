package io.restaurantapi.dataset;

/** A dataset line that is not a restaurant document; the message names the line and the reason. */
public class InvalidLineException extends RuntimeException {

    private final long lineNumber;

    public InvalidLineException(long lineNumber, String reason) {
        // A file can hold many bad lines; their stack traces would say nothing the message does not.
        super("line " + lineNumber + ": " + reason, null, false, false);
        this.lineNumber = lineNumber;
    }

    public long lineNumber() {
        return lineNumber;
    }
}
