package io.restaurantapi.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Standard output and error for a one-shot command under test, kept in memory. */
public final class CapturedConsole {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    public PrintStream stdout() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    public PrintStream stderr() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    public String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public byte[] outputBytes() {
        return out.toByteArray();
    }

    public String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets everything printed so far. */
    public void clear() {
        out.reset();
        err.reset();
    }
}
