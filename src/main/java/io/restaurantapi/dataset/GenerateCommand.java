package io.restaurantapi.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code generate --count N [--seed S] [--output FILE]}: writes made-up restaurants in the dataset's format, for
 * scale tests. The same arguments always write the same bytes.
 */
public final class GenerateCommand {

    public static final int OK = 0;
    public static final int OUTPUT_FAILED = 1;
    public static final int USAGE = 2;

    static final long MAX_COUNT = 100_000_000L;

    static final String USAGE_TEXT = """
            Usage: java -jar restaurant-api.jar generate --count N [--seed S] [--output FILE]

            Writes N made-up restaurants as mongoexport JSON lines, in the shape and type mix of the real dataset,
            ready for `seed --file`. The same count and seed always give the same bytes.
              --count N       how many restaurants, 0 to 100000000
              --seed S        any whole number (default 1); another seed gives other restaurants and ids
              --output FILE   write to FILE (replaced only once complete) instead of standard output
            Exit status: 0 written, 1 the output could not be written, 2 usage error.
            """;

    private static final int BUFFER_CHARS = 1 << 16;

    private final PrintStream out;
    private final PrintStream err;

    public GenerateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        GenerateArguments arguments;
        try {
            arguments = GenerateArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("generate: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (arguments.help()) {
            out.print(USAGE_TEXT);
            return OK;
        }
        RestaurantGenerator generator = new RestaurantGenerator(arguments.seed());
        if (arguments.output() == null) {
            return toStandardOutput(generator, arguments.count());
        }
        return toFile(generator, arguments);
    }

    private int toStandardOutput(RestaurantGenerator generator, long count) {
        Writer writer = utf8(out);
        try {
            generator.write(count, writer);
            writer.flush();
        } catch (IOException e) {
            err.println("generate: cannot write to standard output: " + e.getMessage());
            return OUTPUT_FAILED;
        }
        if (out.checkError()) {
            err.println("generate: cannot write to standard output");
            return OUTPUT_FAILED;
        }
        return OK;
    }

    /** Writes beside the target and moves it into place, so that an interrupted run never leaves half a file. */
    private int toFile(RestaurantGenerator generator, GenerateArguments arguments) {
        Path target = arguments.output();
        if (Files.isDirectory(target)) {
            err.println("generate: cannot write " + target + ": it is a directory");
            return OUTPUT_FAILED;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            try (Writer writer = utf8(Files.newOutputStream(partial))) {
                generator.write(arguments.count(), writer);
            }
            moveIntoPlace(partial, target);
        } catch (IOException e) {
            err.println("generate: cannot write " + target + ": " + describe(e));
            deleteQuietly(partial);
            return OUTPUT_FAILED;
        }
        out.println(
                "generate: wrote " + arguments.count() + " restaurants (seed " + arguments.seed() + ") to " + target);
        return OK;
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Writer utf8(OutputStream stream) {
        return new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER_CHARS);
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the write already failed and says so; a leftover .partial file is harmless
        }
    }

    /** The parsed command line. */
    record GenerateArguments(long count, long seed, Path output, boolean help) {

        static GenerateArguments parse(String... args) {
            Long count = null;
            long seed = 1;
            Path output = null;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--count" ->
                        count = CommandLineOptions.wholeNumber(
                                "--count", CommandLineOptions.value(args, ++i, "--count"), 0, MAX_COUNT);
                    case "--seed" -> seed = seed(CommandLineOptions.value(args, ++i, "--seed"));
                    case "--output" -> output = path(CommandLineOptions.value(args, ++i, "--output"));
                    case "-h", "--help" -> help = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (count == null && !help) {
                throw new IllegalArgumentException("--count is required");
            }
            return new GenerateArguments(count == null ? 0 : count, seed, output, help);
        }

        private static long seed(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed must be a whole number, not '" + value + "'");
            }
        }

        private static Path path(String value) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("--output is not a valid path: " + e.getMessage());
            }
        }
    }
}
