package io.restaurantapi.dataset;

import java.io.IOException;
import java.util.Locale;

/**
 * Made-up restaurants for scale tests, in the shape of the real dataset: mongoexport JSON lines with the fields
 * {@code URL}, {@code _id}, {@code address}, {@code address line 2}, {@code name}, {@code outcode},
 * {@code postcode}, {@code rating} and {@code type_of_food}, and the same mix of types (a few numeric addresses;
 * ratings as whole numbers, as halves, or {@value #NOT_YET_RATED}).
 *
 * <p>Line {@code i} is a pure function of the seed and {@code i}: the same seed always gives the same bytes,
 * nothing is held between lines (so any count streams in constant memory), and {@code _id}s never repeat within
 * a seed. Every name, street, town and URL comes from the word lists below, never from the real dataset.
 */
public final class RestaurantGenerator {

    public static final String NOT_YET_RATED = "Not yet rated";

    /** The domain of every generated URL: reserved for testing (RFC 2606), so it never resolves. */
    public static final String URL_PREFIX = "http://www.example-eats.test/restaurants-";

    /** Parts per million of addresses written as a bare number instead of a string. */
    static final int NUMERIC_ADDRESS_PPM = 1_600;

    /** Ratings in half steps from 1 to 6, then "not yet rated", in parts per thousand. */
    private static final int[] RATING_PER_MILLE = {2, 1, 1, 5, 6, 20, 66, 185, 434, 235, 20, 25};

    /** Cuisines, most common first: one dominates (about a third of all restaurants), then a long tail. */
    private static final String[] CUISINES = {
        "Indian",
        "Pizza",
        "Chinese",
        "Fish & Chips",
        "Kebab",
        "Burgers",
        "Italian",
        "Thai",
        "Chicken",
        "Turkish",
        "Caribbean",
        "Japanese",
        "Lebanese",
        "Mexican",
        "Greek",
        "Vietnamese",
        "Sushi",
        "Korean",
        "Peri Peri",
        "Breakfast",
        "Desserts",
        "Grill",
        "Nepalese",
        "Persian",
        "Spanish",
        "Portuguese",
        "Polish",
        "Malaysian",
        "Sri Lankan",
        "Ethiopian",
        "Moroccan",
        "Vegan",
        "Sandwiches",
        "Bakery",
        "Salads",
        "Noodles",
        "Tapas",
        "Steak",
        "Brazilian",
        "Georgian",
    };
    /** A Zipf-like fall-off: the weight of the cuisine of rank r is about 1000 / r^1.3. */
    private static final int[] CUISINE_WEIGHTS = {
        1000, 406, 240, 165, 123, 97, 80, 67, 57, 50, 44, 40, 36, 32, 30, 27, 25, 23, 22, 20, 19, 18, 17, 16, 15, 14,
        14, 13, 13, 12, 12, 11, 11, 10, 10, 9, 9, 9, 9, 8,
    };

    /** What a restaurant of each cuisine (same order as {@link #CUISINES}) tends to call itself. */
    private static final String[][] CUISINE_WORDS = {
        {"Tandoori", "Spice", "Balti Room", "Masala", "Curry Lounge", "Raj", "Tiffin"},
        {"Pizza", "Pizzeria", "Pizza Co", "Slice", "Pizza Kitchen"},
        {"Dragon", "Wok", "Garden", "Lantern", "Panda", "Jade House"},
        {"Chippy", "Fish Bar", "Fryer", "Plaice", "Fish & Chips"},
        {"Kebab", "Kebab House", "Charcoal Grill", "Doner"},
        {"Burger", "Patty", "Smash", "Diner"},
        {"Trattoria", "Cucina", "Pasta"},
        {"Thai", "Orchid", "Lemongrass", "Bangkok Kitchen"},
        {"Chicken", "Wings", "Fried Chicken"},
        {"Ocakbasi", "Meze", "Grill"},
        {"Jerk Hut", "Kitchen", "Island"},
        {"Ramen", "Bento", "Izakaya"},
        {"Mezze", "Cedar", "Falafel"},
        {"Cantina", "Taqueria", "Burrito"},
        {"Taverna", "Souvlaki", "Gyros"},
        {"Pho", "Banh Mi", "Noodle Bar"},
        {"Sushi", "Maki", "Roll"},
        {"BBQ", "Kimchi", "Bibimbap"},
        {"Peri Peri", "Flame", "Grill"},
        {"Cafe", "Breakfast Club", "Griddle"},
        {"Dessert Parlour", "Gelato", "Waffles"},
        {"Grill", "Smokehouse", "Charcoal"},
        {"Gurkha", "Momo", "Himalaya"},
        {"Saffron", "Kabab", "Grill"},
        {"Tapas", "Bodega", "Paella"},
        {"Churrasqueira", "Grill", "Tasca"},
        {"Deli", "Pierogi", "Kitchen"},
        {"Satay", "Kopitiam", "Laksa"},
        {"Hoppers", "Kottu", "Kitchen"},
        {"Injera", "Kitchen", "Coffee House"},
        {"Tagine", "Riad", "Kitchen"},
        {"Greens", "Kitchen", "Roots"},
        {"Sandwich Bar", "Deli", "Baguette"},
        {"Bakehouse", "Bakery", "Patisserie"},
        {"Salad Bar", "Bowl", "Juicery"},
        {"Noodle House", "Noodles", "Wok"},
        {"Tapas Bar", "Pintxos", "Bodega"},
        {"Steakhouse", "Grill", "Chophouse"},
        {"Churrascaria", "Grill", "Kitchen"},
        {"Khachapuri", "Supra", "Kitchen"},
    };

    private static final String[] NAME_PREFIXES = {
        "Golden",
        "Royal",
        "Little",
        "Lucky",
        "Silver",
        "Red",
        "Blue",
        "Happy",
        "Grand",
        "Old",
        "New",
        "Jolly",
        "Star",
        "Sunny",
        "Crown",
        "Village",
        "Corner",
        "Express",
        "Taste of",
        "House of",
        "The",
        "Original",
        "Famous",
        "Mama's",
        "Papa's",
        "Uncle's",
        "Café",
        "Best",
        "Bright",
        "Maple",
        "Oak",
        "Harbour",
        "Station",
        "Market",
        "Castle",
        "Bridge",
        "Willow",
        "Amber",
        "Ruby",
        "Emerald",
    };

    private static final String[] STREET_NAMES = {
        "High", "Church", "Station", "Market", "Mill", "King", "Queen", "Victoria", "Albert", "Park", "Bridge",
        "London", "North", "South", "West", "East", "New", "Chapel", "School", "Castle", "Green", "Manor",
        "Orchard", "Elm", "Oak", "Ash", "Willow", "Harbour", "Abbey", "Priory", "Hill", "Meadow", "Brook",
        "Cross", "Union", "Wellington", "Nelson", "Granby", "Fairfield", "Kingsway",
    };
    private static final String[] STREET_TYPES = {
        "Street",
        "Road",
        "Lane",
        "Avenue",
        "Parade",
        "Way",
        "Place",
        "Terrace",
        "Row",
        "Broadway",
        "Gate",
        "Walk",
        "Crescent",
        "Square",
    };

    /** Towns are a made-up root and ending, e.g. "Ashford"-like but invented: "Brackenby", "Elderwick". */
    private static final String[] TOWN_ROOTS = {
        "Ash", "Brack", "Elder", "Fern", "Gold", "Hazel", "Kings", "Lark", "Marl", "Nether", "Oaken", "Penn",
        "Queens", "Raven", "Stan", "Thorn", "Ulls", "Wex", "Yarl", "Brent", "Carl", "Dun", "Holm", "Lyn",
        "Mor", "Sax", "Wold", "Bram",
    };

    private static final String[] TOWN_ENDINGS = {
        "ford", "by", "ton", "ham", "wick", "bridge", "field", "ley", "bury", "stead", "mouth", "worth", "thorpe",
        "dale",
    };
    private static final String[] TOWN_AFFIXES = {"", "", "", "", "", "", " on Sea", " Green", " Heath", " Vale"};

    /** Letters of the inward code of a UK postcode (no C, I, K, M, O or V). */
    private static final String POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final int idPrefix;
    private final long idKey;

    public RestaurantGenerator(long seed) {
        this.seed = seed;
        long mixed = mix(seed ^ 0x5DEECE66DL);
        // An ObjectId's first four bytes are its creation time: somewhere in 2012–2020, as for an old export.
        this.idPrefix = 0x50000000 + (int) ((mixed >>> 1) % 0x0FFFFFFFL);
        this.idKey = mix(mixed);
    }

    /** Appends {@code count} lines, each ending in a newline, for indexes 0 to {@code count - 1}. */
    public void write(long count, Appendable out) throws IOException {
        StringBuilder line = new StringBuilder(320);
        for (long index = 0; index < count; index++) {
            line.setLength(0);
            appendLine(index, line);
            line.append('\n');
            out.append(line);
        }
    }

    /** The restaurant at {@code index}, as one mongoexport JSON line without its newline. */
    public String line(long index) {
        StringBuilder line = new StringBuilder(320);
        appendLine(index, line);
        return line.toString();
    }

    /** The 24-hex ObjectId of the restaurant at {@code index}. */
    public String id(long index) {
        StringBuilder id = new StringBuilder(24);
        appendId(index, id);
        return id.toString();
    }

    private void appendLine(long index, StringBuilder out) {
        Random random = new Random(mix(seed * GOLDEN_GAMMA + index));
        int cuisine = weighted(random, CUISINE_WEIGHTS);
        String town = town(random);
        String name = name(random, cuisine, town);
        String outcode = outcode(random, town);

        out.append("{\"URL\":");
        string(out, URL_PREFIX + slug(name) + "-" + outcode.toLowerCase(Locale.ROOT) + "/menu");
        out.append(",\"_id\":{\"$oid\":\"");
        appendId(index, out);
        out.append("\"},\"address\":");
        if (random.below(1_000_000) < NUMERIC_ADDRESS_PPM) {
            out.append(1 + random.below(400));
        } else {
            string(out, street(random));
        }
        out.append(",\"address line 2\":");
        string(out, town);
        out.append(",\"name\":");
        string(out, name);
        out.append(",\"outcode\":");
        string(out, outcode);
        out.append(",\"postcode\":\"")
                .append(1 + random.below(9))
                .append(POSTCODE_LETTERS.charAt(random.below(POSTCODE_LETTERS.length())))
                .append(POSTCODE_LETTERS.charAt(random.below(POSTCODE_LETTERS.length())))
                .append("\",\"rating\":");
        rating(out, weighted(random, RATING_PER_MILLE));
        out.append(",\"type_of_food\":");
        string(out, CUISINES[cuisine]);
        out.append('}');
    }

    /** Four bytes for the seed, then a bijection of the index keyed on the seed: unique for every index. */
    private void appendId(long index, StringBuilder out) {
        hex(out, idPrefix & 0xFFFFFFFFL, 8);
        hex(out, mix(index ^ idKey), 16);
    }

    private static void rating(StringBuilder out, int step) {
        if (step == RATING_PER_MILLE.length - 1) {
            out.append('"').append(NOT_YET_RATED).append('"');
            return;
        }
        int halves = step + 2;
        out.append(halves / 2);
        if (halves % 2 == 1) {
            out.append(".5");
        }
    }

    private static String town(Random random) {
        return pick(random, TOWN_ROOTS) + pick(random, TOWN_ENDINGS) + pick(random, TOWN_AFFIXES);
    }

    private static String name(Random random, int cuisine, String town) {
        String word = pick(random, CUISINE_WORDS[cuisine]);
        return switch (random.below(10)) {
            case 0, 1 -> town.split(" ")[0] + " " + word;
            case 2 -> pick(random, NAME_PREFIXES) + " " + pick(random, NAME_PREFIXES) + " " + word;
            default -> pick(random, NAME_PREFIXES) + " " + word;
        };
    }

    /** One or two letters from the town's initials, then one or two digits: "A7", "BR3", "KI14". */
    private static String outcode(Random random, String town) {
        int shape = random.below(100);
        StringBuilder code = new StringBuilder(4).append(Character.toUpperCase(town.charAt(0)));
        if (shape >= 8) {
            code.append(Character.toUpperCase(town.charAt(1)));
        }
        code.append(1 + random.below(9));
        if (shape >= 68) {
            code.append(random.below(10));
        }
        return code.toString();
    }

    private static String street(Random random) {
        String street = pick(random, STREET_NAMES) + " " + pick(random, STREET_TYPES);
        int number = 1 + random.below(random.below(4) == 0 ? 400 : 120);
        return switch (random.below(20)) {
            case 0 -> "Unit " + (1 + random.below(12)) + ", " + street;
            case 1 -> number + "a " + street;
            default -> number + " " + street;
        };
    }

    private static String slug(String name) {
        StringBuilder slug = new StringBuilder(name.length());
        boolean dash = false;
        for (int i = 0; i < name.length(); i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (dash && !slug.isEmpty()) {
                    slug.append('-');
                }
                slug.append(c);
                dash = false;
            } else if (c != '\'') {
                dash = true;
            }
        }
        return slug.toString();
    }

    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void hex(StringBuilder out, long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(Character.forDigit((int) (value >>> shift) & 0xF, 16));
        }
    }

    private static String pick(Random random, String[] words) {
        return words[random.below(words.length)];
    }

    private static int weighted(Random random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.below(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: weights sum to " + total);
    }

    /** The SplitMix64 finaliser: a bijection on 64-bit values that scatters its bits. */
    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * SplitMix64, written out here rather than taken from the JDK so that the bytes a seed gives can never change
     * with the Java version.
     */
    private static final class Random {

        private long state;

        Random(long seed) {
            this.state = seed;
        }

        int below(int bound) {
            state += GOLDEN_GAMMA;
            return (int) ((mix(state) >>> 33) % bound);
        }
    }
}
