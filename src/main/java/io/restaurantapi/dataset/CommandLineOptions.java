package io.restaurantapi.dataset;

/** Reading the options of the jar's one-shot commands; each failure is an {@link IllegalArgumentException} to print. */
final class CommandLineOptions {

    private CommandLineOptions() {}

    /** The value after an option, at {@code index}. */
    static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    static long wholeNumber(String option, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(
                option + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }
}
