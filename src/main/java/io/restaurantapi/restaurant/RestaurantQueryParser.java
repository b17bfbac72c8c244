package io.restaurantapi.restaurant;

import io.restaurantapi.restaurant.RestaurantQuery.Paging;
import io.restaurantapi.restaurant.RestaurantQuery.SortOrder;
import io.restaurantapi.web.InvalidParameterException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the list endpoint's query string into a {@link RestaurantQuery}, refusing anything it does not know:
 * an unknown or repeated parameter, a value out of range, a sort on a field that is not offered.
 */
public final class RestaurantQueryParser {

    public static final String TYPE_OF_FOOD = "type_of_food";
    public static final String OUTCODE = "outcode";
    public static final String POSTCODE = "postcode";
    public static final String NAME = "name";
    public static final String MIN_RATING = "min_rating";
    public static final String SORT = "sort";
    public static final String PAGE = "page";
    public static final String SIZE = "size";

    public static final Set<String> PARAMETERS =
            Set.of(TYPE_OF_FOOD, OUTCODE, POSTCODE, NAME, MIN_RATING, SORT, PAGE, SIZE);
    public static final List<String> SORTABLE_FIELDS = List.of("name", "rating", "type_of_food", "outcode", "postcode");
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 1000;
    public static final int MAX_TEXT_LENGTH = 200;

    /** No restaurant field holds one, and MongoDB cannot take a NUL in a query. */
    private static final Pattern CONTROL_CHARACTER = Pattern.compile("\\p{Cntrl}");

    /**
     * A number as JSON writes it, which is what the OpenAPI document's {@code type: number} promises ({@code 4},
     * {@code 4.5}, {@code -0}, {@code 1e3}, {@code 4.5E0}), and also a leading {@code +} or zeros. Not NaN,
     * Infinity, hexadecimal or a trailing {@code d}, which {@link Double#valueOf(String)} alone would take. The
     * bounds (far beyond any rating, and beyond what a request line can carry in the exponent) keep the pattern
     * linear.
     */
    private static final Pattern MANTISSA = Pattern.compile("[+-]?\\d{1,1000}(\\.\\d{1,1000})?");

    private static final Pattern EXPONENT = Pattern.compile("[+-]?\\d{1,9}");

    private RestaurantQueryParser() {}

    public static RestaurantQuery parse(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw new InvalidParameterException(
                        abbreviate(parameter.getKey()),
                        "Unknown query parameter '" + abbreviate(parameter.getKey()) + "'; the list accepts "
                                + String.join(", ", PARAMETERS.stream().sorted().toList()) + ".");
            }
            if (parameter.getValue().size() > 1) {
                throw new InvalidParameterException(
                        parameter.getKey(), "Query parameter '" + parameter.getKey() + "' is given more than once.");
            }
        }
        return new RestaurantQuery(
                text(parameters, TYPE_OF_FOOD),
                text(parameters, OUTCODE),
                text(parameters, POSTCODE),
                text(parameters, NAME),
                minRating(parameters),
                sort(parameters),
                paging(parameters));
    }

    private static String value(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String text(Map<String, List<String>> parameters, String name) {
        String value = value(parameters, name);
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            throw new InvalidParameterException(name, "Query parameter '" + name + "' must not be empty.");
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw new InvalidParameterException(
                    name, "Query parameter '" + name + "' must be at most " + MAX_TEXT_LENGTH + " characters long.");
        }
        if (CONTROL_CHARACTER.matcher(value).find()) {
            throw new InvalidParameterException(
                    name, "Query parameter '" + name + "' must not contain control characters.");
        }
        return value;
    }

    private static Double minRating(Map<String, List<String>> parameters) {
        String value = value(parameters, MIN_RATING);
        if (value == null) {
            return null;
        }
        int e = Math.max(value.indexOf('e'), value.indexOf('E'));
        boolean number = e < 0
                ? MANTISSA.matcher(value).matches()
                : MANTISSA.matcher(value.substring(0, e)).matches()
                        && EXPONENT.matcher(value.substring(e + 1)).matches();
        if (number) {
            return Double.valueOf(value);
        }
        throw new InvalidParameterException(
                MIN_RATING,
                "Query parameter 'min_rating' must be a number such as 4, 4.5 or 45e-1, not '" + abbreviate(value)
                        + "'.");
    }

    private static List<SortOrder> sort(Map<String, List<String>> parameters) {
        String value = value(parameters, SORT);
        if (value == null) {
            return List.of();
        }
        List<SortOrder> orders = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String key : value.split(",", -1)) {
            boolean descending = key.startsWith("-");
            String field = descending ? key.substring(1) : key;
            if (!SORTABLE_FIELDS.contains(field)) {
                throw new InvalidParameterException(
                        SORT,
                        "Query parameter 'sort' takes a comma-separated list of " + String.join(", ", SORTABLE_FIELDS)
                                + ", each optionally prefixed by '-' for descending order.");
            }
            if (!seen.add(field)) {
                throw new InvalidParameterException(
                        SORT, "Query parameter 'sort' names '" + field + "' more than once.");
            }
            orders.add(new SortOrder(field, descending));
        }
        return List.copyOf(orders);
    }

    private static Paging paging(Map<String, List<String>> parameters) {
        String page = value(parameters, PAGE);
        String size = value(parameters, SIZE);
        if (page == null && size == null) {
            return null;
        }
        int pageNumber = page == null ? 0 : wholeNumber(PAGE, page, 0, Integer.MAX_VALUE);
        int pageSize = size == null ? DEFAULT_PAGE_SIZE : wholeNumber(SIZE, size, 1, MAX_PAGE_SIZE);
        Paging paging = new Paging(pageNumber, pageSize);
        if (paging.offset() > Integer.MAX_VALUE) {
            throw new InvalidParameterException(
                    PAGE, "Query parameter 'page' is too large for page size " + pageSize + ".");
        }
        return paging;
    }

    private static int wholeNumber(String name, String value, int min, int max) {
        if (value.matches("\\d{1,10}")) {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return (int) number;
            }
        }
        throw new InvalidParameterException(
                name,
                "Query parameter '" + name + "' must be a whole number from " + min + " to " + max + ", not '"
                        + abbreviate(value) + "'.");
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
