package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.restaurantapi.dataset.DatasetSeeder;
import io.restaurantapi.support.Fixtures;
import io.restaurantapi.support.Http;
import io.restaurantapi.support.RawHttp;
import io.restaurantapi.support.TestDatabases;
import io.restaurantapi.support.TestMongo;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API over real HTTP fed a large corpus of malformed, near-miss and hostile ids and query strings, on the
 * six made-up restaurants of {@code datasets/restaurants.jsonl}. The only acceptable answers are a 200 with the
 * right JSON (for the list, never more restaurants than a literal reading of every filter allows), a 304, or a
 * 400/404 problem+json naming the parameter at fault; never a 500.
 *
 * <p>Most inputs reach the application; some never get past Tomcat, which refuses a request line it cannot
 * parse (raw spaces, control characters, non-ASCII bytes, characters RFC 3986 does not allow unencoded),
 * an encoded slash, backslash or NUL in the path, and oversized request lines and headers, with a 400 of its
 * own (problem+json too, see {@code ProblemErrorReportValve}). Each case says which layer must answer it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputIT {

    private static final String DATABASE = "hostile_input_it";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROBLEM_JSON = "application/problem+json";

    /** The fixture's restaurants, in _id order, as the API serves them (_id as its hex string). */
    private static final List<JsonNode> RESTAURANTS = readFixture();

    private static final Map<String, JsonNode> BY_ID = RESTAURANTS.stream()
            .collect(Collectors.toMap(r -> r.get("_id").asString(), r -> r, (a, b) -> a, LinkedHashMap::new));

    private static final List<String> TEXT_PARAMETERS = List.of("name", "type_of_food", "outcode", "postcode");
    private static final List<String> PARAMETERS =
            List.of("name", "type_of_food", "outcode", "postcode", "min_rating", "sort", "page", "size");

    /** A request line longer than this does not fit Tomcat's 8 KB header buffer: Tomcat refuses it. */
    private static final int TOMCAT_LINE_LIMIT = 8 * 1024;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    @BeforeAll
    static void loadTheFixture() throws Exception {
        new DatasetSeeder(TestDatabases.fresh(DATABASE), "restaurant").seed(Fixtures.restaurants(), true);
    }

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    // ---------------------------------------------------------------------------------------------- ids

    /** How a value is percent-encoded on the wire: only what must be, or every byte (%30%30… for "00…"). */
    enum Encoding {
        MINIMAL,
        EVERY_BYTE;

        String encode(String value) {
            StringBuilder encoded = new StringBuilder();
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                boolean unreserved = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0);
                if (this == MINIMAL && unreserved) {
                    encoded.append((char) c);
                } else {
                    encoded.append('%')
                            .append("0123456789ABCDEF".charAt(c >> 4))
                            .append("0123456789ABCDEF".charAt(c & 15));
                }
            }
            return encoded.toString();
        }
    }

    /** What the id endpoint must answer, and which layer answers. */
    enum IdOutcome {
        /** 200 from the application: the restaurant with that id (hex digits in either case). */
        FOUND,
        /** 404 problem+json from the application: 24 hex digits, but no such restaurant. */
        NOT_FOUND,
        /** 400 problem+json from the application, naming {@code id}. */
        INVALID,
        /** 400 from Tomcat before the application: encoded slash, backslash or NUL, or a request line over 8 KB. */
        REFUSED_BY_TOMCAT,
        /** Empty or dot segments, which the container may resolve: 400 or 404, from either layer, never a restaurant. */
        PATH_SEGMENT
    }

    static Stream<Arguments> ids() {
        List<Arguments> cases = new ArrayList<>();
        for (String id : idCorpus()) {
            for (Encoding encoding : Encoding.values()) {
                cases.add(arguments(shown(id), id, encoding));
            }
        }
        return cases.stream();
    }

    static List<String> idCorpus() {
        Set<String> ids = new LinkedHashSet<>();
        List<String> bases = new ArrayList<>(BY_ID.keySet());
        bases.addAll(List.of(
                "55f14313c7447c3da705224b",
                "ffffffffffffffffffffffff",
                "000000000000000000000000",
                "abcdefABCDEF012345678901"));
        List<String> nearMissCharacters = List.of(
                "g",
                "G",
                "z",
                "x",
                "O",
                "l",
                " ",
                "-",
                "_",
                ".",
                ":",
                ";",
                "+",
                "%",
                "$",
                "'",
                "\"",
                "*",
                "/",
                "\\",
                "é",
                "\uff10" /* fullwidth 0 */,
                "\uff41" /* fullwidth a */,
                "\u0660" /* Arabic-Indic 0 */,
                "\u00b9" /* superscript 1 */,
                "\u2160" /* Roman numeral one */,
                "\u00a0",
                "\u200b",
                "\t",
                "\n",
                "\u0001",
                "\ud835\udfce" /* bold 0 */);
        List<String> whitespace = List.of(" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u200b", "\ufeff", "\u3000");
        for (String base : bases) {
            ids.add(base);
            ids.add(base.toUpperCase(Locale.ROOT));
            ids.add(alternateCase(base));
            ids.add(base.substring(1));
            ids.add(base.substring(0, 23));
            ids.add(base.substring(0, 12));
            ids.add(base + "0");
            ids.add(base + "a");
            ids.add(base + "g");
            ids.add(base + base);
            ids.add(Encoding.EVERY_BYTE.encode(base));
            ids.add(Encoding.EVERY_BYTE.encode(Encoding.EVERY_BYTE.encode(base)));
            ids.add("ObjectId(\"" + base + "\")");
            ids.add("{\"$oid\":\"" + base + "\"}");
            ids.add(base + "'");
            ids.add(base + ";x=1");
            ids.add(base + "?x=1");
            ids.add(base + "#x");
            ids.add(base + "/");
            ids.add("../" + base);
            for (int position : new int[] {0, 23}) {
                for (String character : nearMissCharacters) {
                    ids.add(base.substring(0, position) + character + base.substring(position + 1));
                }
            }
            for (String space : whitespace) {
                ids.add(space + base);
                ids.add(base + space);
            }
        }
        ids.addAll(List.of(
                "",
                ".",
                "..",
                "...",
                "....",
                "../actuator/env",
                "..%2factuator%2fenv",
                "%2e%2e",
                "%2e%2e%2f",
                "..\\..\\",
                "/",
                "\\",
                "%00",
                "\u0000",
                "a\u0000b",
                "null",
                "undefined",
                "true",
                "-1",
                "0",
                "1e24",
                "NaN",
                "0x000000000000000000000001",
                "$ne",
                "{\"$ne\":null}",
                "{\"$gt\":\"\"}",
                "[$regex]",
                "[$ne]=1",
                "$where",
                "function(){return true}",
                "'; return true; var x='",
                "this._id",
                "<script>alert(1)</script>",
                "${jndi:ldap://example.test/a}",
                "%s%s%s%n",
                "*",
                ".*",
                "^.*$",
                "' OR '1'='1",
                "\u0660".repeat(24),
                "\uff10".repeat(24),
                "\uff41".repeat(24),
                "\u00b9".repeat(24),
                "\ud835\udfce".repeat(24),
                "\ud83c\udf55",
                "é".repeat(24),
                "a".repeat(1000),
                "0".repeat(1000),
                "a".repeat(10_000),
                "0".repeat(10_000)));
        return List.copyOf(ids);
    }

    static IdOutcome expectedForId(String id, String encoded) {
        if (("/api/v1/restaurant/" + encoded).length() > TOMCAT_LINE_LIMIT) {
            return IdOutcome.REFUSED_BY_TOMCAT;
        }
        assertThat(("/api/v1/restaurant/" + encoded).length())
                .as("no case near the size limit")
                .isLessThan(7000);
        if (id.isEmpty() || id.matches("\\.+")) {
            return IdOutcome.PATH_SEGMENT;
        }
        if (id.contains("/") || id.contains("\\") || id.contains("\u0000")) {
            return IdOutcome.REFUSED_BY_TOMCAT;
        }
        if (id.matches("[0-9a-fA-F]{24}")) {
            return BY_ID.containsKey(id.toLowerCase(Locale.ROOT)) ? IdOutcome.FOUND : IdOutcome.NOT_FOUND;
        }
        return IdOutcome.INVALID;
    }

    @ParameterizedTest(name = "[{index}] {0} {2}")
    @MethodSource("ids")
    void anyIdIsAnsweredWithItsRestaurantA404OrA400NeverAnError(String shown, String id, Encoding encoding) {
        String encoded = encoding.encode(id);
        IdOutcome expected = expectedForId(id, encoded);

        HttpResponse<String> response = http.get("/api/v1/restaurant/" + encoded);

        switch (expected) {
            case FOUND -> {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(JSON.readTree(response.body())).isEqualTo(BY_ID.get(id.toLowerCase(Locale.ROOT)));
            }
            case NOT_FOUND -> assertProblem(response, 404, null);
            case INVALID -> assertProblem(response, 400, "id");
            case REFUSED_BY_TOMCAT ->
                assertRefusedByTomcat(
                        response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""));
            case PATH_SEGMENT -> {
                assertThat(response.statusCode()).isIn(400, 404);
                if (response.headers().firstValue("Content-Type").orElse("").equals(PROBLEM_JSON)) {
                    assertProblem(response, response.statusCode(), null);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- text filters

    /** Text that means something to a regular expression, a query language, a shell or a browser, all valid filters. */
    static final List<String> HOSTILE_TEXT = List.of(
            ".*",
            ".",
            "*",
            "(",
            ")",
            "()",
            "[",
            "]",
            "[a-z]",
            "\\",
            "\\\\",
            "\\d",
            "\\Q.*\\E",
            "\\E",
            "^",
            "$",
            "^$",
            "^.*$",
            "|",
            "a|b",
            "?",
            "+",
            "{",
            "}",
            "{1,}",
            "(?i)golden",
            "(?=x)",
            "Golden.*",
            "G.lden",
            "Fish (& Chips) .*",
            "(& Chips) .*",
            "Chips) .",
            ") .*",
            "&",
            "=",
            "&name=Golden",
            "#",
            "%",
            "%25",
            "%2e%2a",
            "_",
            "-",
            "/",
            "//",
            "'",
            "\"",
            "`",
            ";",
            ",",
            "$ne",
            "$gt",
            "$where",
            "$regex",
            "$exists",
            "$expr",
            "{\"$gt\":\"\"}",
            "{\"$ne\":null}",
            "{\"$regex\":\".*\"}",
            "{\"$where\":\"1==1\"}",
            "[$regex]",
            "[$ne]",
            "[]",
            "{}",
            "null",
            "undefined",
            "true",
            "false",
            "0",
            "-1",
            "this.name",
            "function(){return true}",
            "'; return true; var a='",
            "1; sleep(1000)",
            "sleep(5000)",
            "db.dropDatabase()",
            "<script>alert(1)</script>",
            "' OR '1'='1",
            "${jndi:ldap://example.test/a}",
            "%s%n",
            "../../etc/passwd",
            "..%2f",
            " ",
            "  Golden",
            "Golden ",
            "\t",
            "\n",
            "\r\n",
            "\u0001",
            "\u001b[31m",
            "\u007f",
            "\u00a0",
            "\u200b",
            "é",
            "É",
            "Café",
            "CAFÉ",
            "crème",
            "\uff27\uff4f\uff4c\uff44",
            "\u0660\u0661",
            "\ud83c\udf55",
            "Golden",
            "golden",
            "GOLDEN WOK",
            "wok",
            "Chinese",
            "chinese",
            "CHINESE",
            "Fish & Chips",
            "te1",
            "TE1",
            "1AA",
            "1aa",
            "x".repeat(200),
            ".*".repeat(100));

    static Stream<Arguments> textFilters() {
        List<Arguments> cases = new ArrayList<>();
        for (String parameter : TEXT_PARAMETERS) {
            for (String value : HOSTILE_TEXT) {
                for (Encoding encoding : Encoding.values()) {
                    cases.add(arguments(parameter, shown(value), value, encoding));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}={1} {3}")
    @MethodSource("textFilters")
    void aTextFilterMatchesItsValueLiterallyNeverAsAPatternOrOperator(
            String parameter, String shown, String value, Encoding encoding) {
        HttpResponse<String> response = http.get("/api/v1/restaurant?" + parameter + "=" + encoding.encode(value));

        if (hasControlCharacter(value)) {
            assertProblem(response, 400, parameter);
            return;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> served = ids(arrayOf(response));
        Predicate<JsonNode> literal = literally(parameter, value);
        assertThat(served)
                .as("only restaurants that match %s literally", parameter)
                .isSubsetOf(idsWhere(literal));
        if (isAscii(value)) {
            assertThat(served)
                    .as("every restaurant that matches %s literally", parameter)
                    .isEqualTo(idsWhere(literal));
        }
    }

    @Test
    void aRegexWildcardInNameFindsOnlyTheNameThatContainsItLiterally() {
        assertThat(ids(arrayOf(http.get("/api/v1/restaurant?name=.*")))).containsExactly("000000000000000000000004");
        assertThat(ids(arrayOf(http.get("/api/v1/restaurant?name=%28")))).containsExactly("000000000000000000000004");
        assertThat(ids(arrayOf(http.get("/api/v1/restaurant?name=%5E%24")))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} of {1} characters")
    @MethodSource("overlongText")
    void aTextFilterOver200CharactersIsRejectedNamingIt(String parameter, int length, String value) {
        assertProblem(
                http.get("/api/v1/restaurant?" + parameter + "=" + Encoding.MINIMAL.encode(value)), 400, parameter);
    }

    static Stream<Arguments> overlongText() {
        return TEXT_PARAMETERS.stream()
                .flatMap(parameter -> Stream.of("x".repeat(201), "é".repeat(201), ".*".repeat(101), "$".repeat(2000))
                        .map(value -> arguments(parameter, value.length(), value)));
    }

    // ---------------------------------------------------------------------------------------------- parameter names

    static final List<String> UNKNOWN_NAMES = List.of(
            "$where",
            "$ne",
            "$gt",
            "$regex",
            "$or",
            "name[$ne]",
            "name[$regex]",
            "name[$gt]",
            "name[]",
            "name.$ne",
            "name%5B%24ne%5D",
            "rating",
            "_id",
            "id",
            "NAME",
            "Name",
            "name ",
            " name",
            "name\t",
            "__proto__",
            "constructor",
            "filter",
            "query",
            "q",
            "where",
            "limit",
            "skip",
            "offset",
            "callback",
            "fields",
            "projection",
            "page[size]",
            "é",
            "\ud83c\udf55",
            "\u200bname",
            "x".repeat(100));

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("unknownNames")
    void anUnknownOrOperatorLookingParameterIsRejectedNamingIt(String shown, String name) {
        HttpResponse<String> response = http.get("/api/v1/restaurant?" + Encoding.MINIMAL.encode(name) + "=x");

        assertProblem(response, 400, name.length() > 40 ? name.substring(0, 40) + "…" : name);
    }

    static Stream<Arguments> unknownNames() {
        return UNKNOWN_NAMES.stream().map(name -> arguments(shown(name), name));
    }

    /** A value each parameter accepts, to show that repeating it is what gets it rejected. */
    private static final Map<String, String> VALID = Map.of(
            "name",
            "Golden",
            "type_of_food",
            "Chinese",
            "outcode",
            "TE1",
            "postcode",
            "1AA",
            "min_rating",
            "4",
            "sort",
            "name",
            "page",
            "0",
            "size",
            "1");

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("repetitions")
    void aRepeatedParameterIsRejectedNamingIt(String query, String parameter) {
        assertProblem(http.get("/api/v1/restaurant?" + query), 400, parameter);
    }

    static Stream<Arguments> repetitions() {
        return PARAMETERS.stream()
                .flatMap(parameter -> Stream.of(
                                parameter + "=" + VALID.get(parameter) + "&" + parameter + "=" + VALID.get(parameter),
                                parameter + "=" + VALID.get(parameter) + "&" + parameter + "=%24ne",
                                parameter + "=" + VALID.get(parameter) + "&sort=-name&" + parameter + "="
                                        + VALID.get(parameter),
                                IntStream.range(0, 3)
                                        .mapToObj(i -> parameter + "=" + VALID.get(parameter))
                                        .collect(Collectors.joining("&")))
                        .map(query -> arguments(query, parameter)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("emptyValues")
    void anEmptyParameterIsRejectedNamingIt(String query, String parameter) {
        assertProblem(http.get("/api/v1/restaurant?" + query), 400, parameter);
    }

    static Stream<Arguments> emptyValues() {
        return PARAMETERS.stream()
                .flatMap(parameter -> Stream.of(parameter + "=", parameter, "sort=name&" + parameter + "=")
                        .filter(query -> !query.equals("sort=name&sort="))
                        .map(query -> arguments(query, parameter)));
    }

    @ParameterizedTest(name = "[{index}] ?{0}")
    @ValueSource(strings = {"", "&", "&&&", "&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&"})
    void aQueryStringOfSeparatorsAloneIsTheFullList(String query) {
        assertThat(ids(arrayOf(http.get("/api/v1/restaurant?" + query)))).isEqualTo(List.copyOf(BY_ID.keySet()));
    }

    // ---------------------------------------------------------------------------------------------- numbers

    /** A value for page or size, and whether each accepts it (page: 0 to 2^31-1; size: 1 to 1000; ASCII digits only). */
    record Number(String value, boolean page, boolean size) {}

    static final List<Number> NUMBERS = List.of(
            new Number("0", true, false),
            new Number("1", true, true),
            new Number("2", true, true),
            new Number("20", true, true),
            new Number("999", true, true),
            new Number("1000", true, true),
            new Number("1001", true, false),
            new Number("01", true, true),
            new Number("0000000001", true, true),
            new Number("00000000001", false, false),
            new Number("2147483647", true, false),
            new Number("2147483648", false, false),
            new Number("9999999999", false, false),
            new Number("99999999999999999999", false, false),
            new Number("-1", false, false),
            new Number("-0", false, false),
            new Number("+1", false, false),
            new Number("1.0", false, false),
            new Number("1.5", false, false),
            new Number("1e3", false, false),
            new Number("0x10", false, false),
            new Number("1,000", false, false),
            new Number("1 000", false, false),
            new Number(" 1", false, false),
            new Number("1 ", false, false),
            new Number("\uff11", false, false),
            new Number("\u0663", false, false),
            new Number("NaN", false, false),
            new Number("Infinity", false, false),
            new Number("-Infinity", false, false),
            new Number("$gt", false, false),
            new Number("{\"$gt\":0}", false, false),
            new Number("[1]", false, false),
            new Number("null", false, false),
            new Number("true", false, false),
            new Number("1;DROP", false, false),
            new Number("9".repeat(200), false, false));

    static Stream<Arguments> paging() {
        List<Arguments> cases = new ArrayList<>();
        List<String> someSizes = List.of("1", "20", "1000", "1001", "0", "-1", "abc");
        for (Number page : NUMBERS) {
            cases.add(arguments(shown(page.value()), null, page, null));
            for (Number size : NUMBERS) {
                if (someSizes.contains(size.value())) {
                    cases.add(arguments(shown(page.value()), shown(size.value()), page, size));
                }
            }
        }
        List<String> somePages = List.of("0", "1", "2147483647");
        for (Number size : NUMBERS) {
            cases.add(arguments(null, shown(size.value()), null, size));
            for (Number page : NUMBERS) {
                if (somePages.contains(page.value()) && !someSizes.contains(size.value())) {
                    cases.add(arguments(shown(page.value()), shown(size.value()), page, size));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] page={0} size={1}")
    @MethodSource("paging")
    void aPageIsTheRightSliceOrItsBadNumberIsRejected(String shownPage, String shownSize, Number page, Number size) {
        List<String> query = new ArrayList<>();
        if (page != null) {
            query.add("page=" + Encoding.MINIMAL.encode(page.value()));
        }
        if (size != null) {
            query.add("size=" + Encoding.MINIMAL.encode(size.value()));
        }
        HttpResponse<String> response = http.get("/api/v1/restaurant?" + String.join("&", query));

        Set<String> atFault = new LinkedHashSet<>();
        if (page != null && !page.page()) {
            atFault.add("page");
        }
        if (size != null && !size.size()) {
            atFault.add("size");
        }
        if (!atFault.isEmpty()) {
            assertProblemNamingOneOf(response, atFault);
            return;
        }
        long pageNumber = page == null ? 0 : Long.parseLong(page.value());
        long pageSize = size == null ? 20 : Long.parseLong(size.value());
        if (pageNumber * pageSize > Integer.MAX_VALUE) {
            assertProblem(response, 400, "page");
            return;
        }
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> all = List.copyOf(BY_ID.keySet());
        int from = (int) Math.min(all.size(), pageNumber * pageSize);
        assertThat(ids(arrayOf(response))).isEqualTo(all.subList(from, (int) Math.min(all.size(), from + pageSize)));
        assertThat(response.headers().firstValue("X-Total-Count")).hasValue(String.valueOf(all.size()));
        assertThat(response.headers().firstValue("Link")).isPresent();
    }

    /** A min_rating value and whether it is a number as JSON writes it (a leading + or zeros allowed too). */
    record Rating(String value, boolean valid) {}

    static final List<Rating> RATINGS = List.of(
            new Rating("5", true),
            new Rating("4.5", true),
            new Rating("0", true),
            new Rating("-1", true),
            new Rating("+5", true),
            new Rating("-0.5", true),
            new Rating("5.0", true),
            new Rating("000000005", true),
            new Rating("123456789.123456789", true),
            new Rating("6", true),
            new Rating("1234567890", true),
            new Rating("5.", false),
            new Rating(".5", false),
            new Rating("5.5.5", false),
            new Rating("1e1", true),
            new Rating("45e-1", true),
            new Rating("1E+2", true),
            new Rating("-0", true),
            new Rating("1e", false),
            new Rating("4.5d", false),
            new Rating("NaN", false),
            new Rating("Infinity", false),
            new Rating("-Infinity", false),
            new Rating("0x5", false),
            new Rating("\uff15", false),
            new Rating("5,5", false),
            new Rating("$gt", false),
            new Rating("{\"$gt\":0}", false),
            new Rating("[$gt]", false),
            new Rating(" 5", false),
            new Rating("5 ", false),
            new Rating("null", false),
            new Rating("true", false),
            new Rating("Not yet rated", false),
            new Rating("5; return true", false),
            new Rating("5".repeat(300), true));

    static Stream<Arguments> ratings() {
        return RATINGS.stream().map(rating -> arguments(shown(rating.value()), rating));
    }

    @ParameterizedTest(name = "[{index}] min_rating={0}")
    @MethodSource("ratings")
    void aMinimumRatingSelectsNumericRatingsAtOrAboveItOrIsRejected(String shown, Rating rating) {
        HttpResponse<String> response =
                http.get("/api/v1/restaurant?min_rating=" + Encoding.MINIMAL.encode(rating.value()));

        if (!rating.valid()) {
            assertProblem(response, 400, "min_rating");
            return;
        }
        double minimum = Double.parseDouble(rating.value());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ids(arrayOf(response)))
                .isEqualTo(idsWhere(
                        r -> r.get("rating").isNumber() && r.get("rating").asDouble() >= minimum));
    }

    /** A sort value and whether the API accepts it. */
    record Sort(String value, boolean valid) {}

    static final List<Sort> SORTS = List.of(
            new Sort("name", true),
            new Sort("-name", true),
            new Sort("rating", true),
            new Sort("-rating,name", true),
            new Sort("type_of_food,outcode,postcode", true),
            new Sort("name,rating,type_of_food,outcode,postcode", true),
            new Sort("name,name", false),
            new Sort("name,-name", false),
            new Sort("_id", false),
            new Sort("-_id", false),
            new Sort("$natural", false),
            new Sort("{\"name\":1}", false),
            new Sort("name:1", false),
            new Sort("name desc", false),
            new Sort("name,", false),
            new Sort(",name", false),
            new Sort("-", false),
            new Sort("--name", false),
            new Sort("+name", false),
            new Sort("NAME", false),
            new Sort(" name", false),
            new Sort("password", false),
            new Sort("name;drop", false),
            new Sort("address", false),
            new Sort("URL", false),
            new Sort("name.$", false),
            new Sort("$where", false));

    static Stream<Arguments> sorts() {
        return SORTS.stream().map(sort -> arguments(shown(sort.value()), sort));
    }

    @ParameterizedTest(name = "[{index}] sort={0}")
    @MethodSource("sorts")
    void aSortReordersTheListWithoutChangingItOrIsRejected(String shown, Sort sort) {
        HttpResponse<String> response = http.get("/api/v1/restaurant?sort=" + Encoding.MINIMAL.encode(sort.value()));

        if (!sort.valid()) {
            assertProblem(response, 400, "sort");
            return;
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ids(arrayOf(response))).containsExactlyInAnyOrderElementsOf(BY_ID.keySet());
    }

    // ---------------------------------------------------------------------------------------------- generated
    // combinations

    /** The seed of the generated combinations; set -Dhostile.seed=N to explore others. */
    private static final long SEED = Long.getLong("hostile.seed", 7L);

    private static final int COMBINATIONS = 400;

    /** One parameter of a generated query: its name, its value, and whether the API must accept that value for it. */
    record Parameter(String name, String value, boolean valid) {}

    static Stream<Arguments> combinations() {
        Random random = new Random(SEED);
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < COMBINATIONS; i++) {
            List<Parameter> query = new ArrayList<>();
            int count = 1 + random.nextInt(5);
            for (int p = 0; p < count; p++) {
                query.add(randomParameter(random));
            }
            cases.add(arguments(
                    query.stream().map(p -> p.name() + "=" + shown(p.value())).collect(Collectors.joining("&")),
                    query));
        }
        return cases.stream();
    }

    private static Parameter randomParameter(Random random) {
        int kind = random.nextInt(PARAMETERS.size() + 1);
        if (kind == PARAMETERS.size()) {
            return new Parameter(pick(random, UNKNOWN_NAMES), "1", false);
        }
        String name = PARAMETERS.get(kind);
        return switch (name) {
            case "min_rating" -> {
                Rating rating = pick(random, RATINGS);
                yield new Parameter(name, rating.value(), rating.valid());
            }
            case "sort" -> {
                Sort sort = pick(random, SORTS);
                yield new Parameter(name, sort.value(), sort.valid());
            }
            case "page", "size" -> {
                Number number = pick(random, NUMBERS);
                yield new Parameter(name, number.value(), name.equals("page") ? number.page() : number.size());
            }
            default ->
                random.nextInt(10) == 0
                        ? new Parameter(name, random.nextBoolean() ? "" : "y".repeat(201), false)
                        : textParameter(name, pick(random, HOSTILE_TEXT));
        };
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("combinations")
    void aCombinationOfParametersIsAnsweredLiterallyOrRejectedNamingAParameterAtFault(
            String shown, List<Parameter> query) {
        String queryString = query.stream()
                .map(p -> Encoding.MINIMAL.encode(p.name()) + "=" + Encoding.MINIMAL.encode(p.value()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.get("/api/v1/restaurant?" + queryString);

        Map<String, Long> occurrences =
                query.stream().collect(Collectors.groupingBy(Parameter::name, Collectors.counting()));
        Set<String> atFault = new LinkedHashSet<>();
        for (Parameter parameter : query) {
            if (!parameter.valid() || occurrences.get(parameter.name()) > 1) {
                atFault.add(
                        parameter.name().length() > 40 ? parameter.name().substring(0, 40) + "…" : parameter.name());
            }
        }
        if (!atFault.isEmpty()) {
            assertProblemNamingOneOf(response, atFault);
            return;
        }
        Map<String, String> values = query.stream().collect(Collectors.toMap(Parameter::name, Parameter::value));
        long page = values.containsKey("page") ? Long.parseLong(values.get("page")) : 0;
        long size = values.containsKey("size") ? Long.parseLong(values.get("size")) : 20;
        if (page * size > Integer.MAX_VALUE) {
            assertProblem(response, 400, "page");
            return;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Predicate<JsonNode> literal = r -> true;
        for (Parameter parameter : query) {
            if (TEXT_PARAMETERS.contains(parameter.name())) {
                literal = literal.and(literally(parameter.name(), parameter.value()));
            } else if (parameter.name().equals("min_rating")) {
                double minimum = Double.parseDouble(parameter.value());
                literal = literal.and(
                        r -> r.get("rating").isNumber() && r.get("rating").asDouble() >= minimum);
            }
        }
        List<String> served = ids(arrayOf(response));
        assertThat(served).as("only restaurants every filter selects literally").isSubsetOf(idsWhere(literal));
        assertThat(served).doesNotHaveDuplicates();
        if (values.containsKey("page") || values.containsKey("size")) {
            assertThat(served.size()).isLessThanOrEqualTo((int) size);
        }
    }

    // ---------------------------------------------------------------------------------------------- conditional
    // requests

    @ParameterizedTest(name = "[{index}] If-None-Match: {0}")
    @ValueSource(
            strings = {"*", "\"x\"", "W/\"x\"", "\"\"", "\"", ",,,", "\"a\", *", "*, *", "W/*", "null", "{\"$ne\":null}"
            })
    void aHostileIfNoneMatchGetsTheResourceOrNotModified(String value) {
        for (String path : List.of(
                "/api/v1/restaurant", "/api/v1/restaurant/000000000000000000000001", "/api/v1/restaurant?name=.*")) {
            HttpResponse<String> response = http.get(path, "If-None-Match", value);

            assertThat(response.statusCode()).as(path).isIn(200, 304);
            if (response.statusCode() == 200) {
                assertThat(JSON.readTree(response.body()).isContainer()).isTrue();
            } else {
                assertThat(response.body()).isEmpty();
            }
        }
    }

    @Test
    void aLongIfNoneMatchGetsTheResource() {
        HttpResponse<String> response = http.get("/api/v1/restaurant", "If-None-Match", "\"" + "x".repeat(6000) + "\"");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------------------------------------- raw requests and
    // limits

    /** Which layer must answer a raw request, and with what. */
    enum Layer {
        /** Tomcat refuses the request line or headers with its own 400, before the application sees them. */
        TOMCAT_400,
        /** The application answers 404 problem+json. */
        APP_404,
        /** The application answers 200 with JSON. */
        APP_200
    }

    static Stream<Arguments> rawRequests() {
        return Stream.of(
                arguments("raw JSON operator in the query", "/api/v1/restaurant?name={\"$gt\":\"\"}", Layer.TOMCAT_400),
                arguments("raw bracket operator in the query", "/api/v1/restaurant?name[$ne]=x", Layer.TOMCAT_400),
                arguments("raw pipe", "/api/v1/restaurant?name=a|b", Layer.TOMCAT_400),
                arguments("raw space", "/api/v1/restaurant?name=a b", Layer.TOMCAT_400),
                arguments("raw caret", "/api/v1/restaurant?name=a^b", Layer.TOMCAT_400),
                arguments("raw backtick", "/api/v1/restaurant?name=`x`", Layer.TOMCAT_400),
                arguments("raw backslash in the query", "/api/v1/restaurant?name=a\\b", Layer.TOMCAT_400),
                arguments("raw backslash in the path", "/api/v1/restaurant/a\\b", Layer.TOMCAT_400),
                arguments("raw tab", "/api/v1/restaurant?name=a\tb", Layer.TOMCAT_400),
                arguments("raw NUL", "/api/v1/restaurant?name=a\u0000b", Layer.TOMCAT_400),
                arguments("raw DEL", "/api/v1/restaurant?name=\u007f", Layer.TOMCAT_400),
                arguments("raw UTF-8 in the query", "/api/v1/restaurant?name=caf\u00c3\u00a9", Layer.TOMCAT_400),
                arguments(
                        "raw UTF-8 fullwidth digit in the path",
                        "/api/v1/restaurant/\u00ef\u00bc\u0090",
                        Layer.TOMCAT_400),
                arguments("raw byte 0x80 in the path", "/api/v1/restaurant/\u0080", Layer.TOMCAT_400),
                arguments("raw angle brackets", "/api/v1/restaurant/<script>", Layer.TOMCAT_400),
                arguments("a fragment", "/api/v1/restaurant#x", Layer.TOMCAT_400),
                arguments("no leading slash", "api/v1/restaurant", Layer.TOMCAT_400),
                arguments("traversal above the root", "/../../etc/passwd", Layer.TOMCAT_400),
                arguments("encoded slashes", "/api/v1/restaurant/..%2f..%2factuator%2fenv", Layer.TOMCAT_400),
                arguments("encoded NUL in the path", "/api/v1/restaurant/%00", Layer.TOMCAT_400),
                arguments("overlong UTF-8 dot in the path", "/api/v1/restaurant/%C0%AE", Layer.TOMCAT_400),
                arguments("incomplete escape in the path", "/api/v1/restaurant/%", Layer.TOMCAT_400),
                arguments("dot-dot segments", "/api/v1/restaurant/../../actuator/env", Layer.APP_404),
                arguments("encoded dot-dot segments", "/api/v1/restaurant/%2e%2e/%2e%2e/actuator/env", Layer.APP_404),
                arguments("dot-dot with path parameters", "/api/v1/restaurant/..;/..;/actuator/env", Layer.APP_404),
                arguments("a dot segment", "/api/v1/restaurant/./000000000000000000000001", Layer.APP_404),
                arguments("a double slash", "/api/v1//restaurant", Layer.APP_404),
                arguments(
                        "a path parameter, which the container strips",
                        "/api/v1/restaurant/000000000000000000000001;x=1",
                        Layer.APP_200),
                arguments("raw regex metacharacters, allowed in a query", "/api/v1/restaurant?name=.*", Layer.APP_200),
                arguments("raw dollar and parentheses", "/api/v1/restaurant?name=$(x)", Layer.APP_200));
    }

    @ParameterizedTest(name = "[{index}] {0}: {2}")
    @MethodSource("rawRequests")
    void aRawRequestLineIsAnsweredByTheExpectedLayerNeverWithAnError(String description, String target, Layer layer) {
        RawHttp.Response response = RawHttp.exchange(port, RawHttp.get(target));

        String contentType = response.header("Content-Type").orElse("");
        switch (layer) {
            case TOMCAT_400 -> assertRefusedByTomcat(response.status(), contentType);
            case APP_404 -> {
                assertThat(response.status()).isEqualTo(404);
                assertThat(contentType).isEqualTo(PROBLEM_JSON);
                assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(404);
            }
            case APP_200 -> {
                assertThat(response.status()).isEqualTo(200);
                assertThat(contentType).isEqualTo("application/json");
                JsonNode body = JSON.readTree(response.body());
                (body.isArray() ? body : List.of(body))
                        .forEach(r -> assertThat(r).isIn(BY_ID.values()));
            }
        }
    }

    @Test
    void aTwentyKilobyteHeaderIsRefusedQuickly() {
        assertRefusedQuickly(RawHttp.get("/api/v1/restaurant", "X-Large: " + "a".repeat(20 * 1024)), 400, 431);
    }

    @Test
    void aHundredKilobyteQueryStringIsRefusedQuickly() {
        assertRefusedQuickly(RawHttp.get("/api/v1/restaurant?name=" + "a".repeat(100 * 1024)), 400, 414);
    }

    @Test
    void twoHundredHeadersAreRefusedQuickly() {
        String[] headers = IntStream.range(0, 200)
                .mapToObj(i -> "X-Header-" + i + ": " + i)
                .toArray(String[]::new);
        assertRefusedQuickly(RawHttp.get("/api/v1/restaurant", headers), 400, 431);
    }

    @Test
    void aHundredKilobyteQueryStringSentWithTheJavaClientIsRefused() {
        assertThat(http.get("/api/v1/restaurant?name=" + "a".repeat(100 * 1024)).statusCode())
                .isIn(400, 414);
    }

    private void assertRefusedQuickly(byte[] request, Integer... statuses) {
        Instant start = Instant.now();
        RawHttp.Response response = RawHttp.exchange(port, request);

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(response.status()).isIn((Object[]) statuses);
    }

    // ---------------------------------------------------------------------------------------------- input the server
    // cannot read

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"name=%00", "name=a%00b", "type_of_food=a%00", "outcode=%00", "postcode=%00x"})
    void aNulCharacterInATextFilterIsRejectedNamingIt(String query) {
        assertProblem(http.get("/api/v1/restaurant?" + query), 400, query.substring(0, query.indexOf('=')));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "name=%",
                "name=%zz",
                "name=%G0",
                "name=%FF",
                "name=%E9",
                "name=%C0%AE",
                "name=%ED%A0%80",
                "=1",
                "name=Golden&=x",
                "%=1"
            })
    void aMalformedQueryStringIsABadRequestProblem(String query) {
        RawHttp.Response response = RawHttp.exchange(port, RawHttp.get("/api/v1/restaurant?" + query));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).hasValue(PROBLEM_JSON);
    }

    @ParameterizedTest(name = "[{index}] {0} parameters")
    @ValueSource(ints = {33, 100, 1000})
    void moreThan32ParametersAreABadRequestProblem(int count) {
        String query = IntStream.range(0, count).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));
        HttpResponse<String> response = http.get("/api/v1/restaurant?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    }

    // ---------------------------------------------------------------------------------------------- assertions

    private static void assertProblem(HttpResponse<String> response, int status, String parameter) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (parameter != null) {
            assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
        }
        assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.");
    }

    private static void assertProblemNamingOneOf(HttpResponse<String> response, Set<String> parameters) {
        assertProblem(response, 400, null);
        assertThat(JSON.readTree(response.body()).get("parameter").asString()).isIn(parameters);
    }

    private static void assertRefusedByTomcat(int status, String contentType) {
        assertThat(status).as("Tomcat's own answer").isEqualTo(400);
        assertThat(contentType)
                .as("Tomcat's error report, problem+json as the application's")
                .startsWith(PROBLEM_JSON);
    }

    private static JsonNode arrayOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.isArray()).isTrue();
        return body;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(restaurant -> {
            assertThat(restaurant).as("a restaurant of the dataset, as stored").isIn(BY_ID.values());
            ids.add(restaurant.get("_id").asString());
        });
        return ids;
    }

    private static List<String> idsWhere(Predicate<JsonNode> condition) {
        return RESTAURANTS.stream()
                .filter(condition)
                .map(r -> r.get("_id").asString())
                .toList();
    }

    /** What a literal reading of a text filter selects: a case-insensitive substring of name, else equality ignoring case. */
    private static Predicate<JsonNode> literally(String parameter, String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        return restaurant -> {
            JsonNode field = restaurant.get(parameter);
            if (field == null || !field.isString()) {
                return false;
            }
            String actual = field.asString().toLowerCase(Locale.ROOT);
            return parameter.equals("name") ? actual.contains(wanted) : actual.equals(wanted);
        };
    }

    /** No restaurant field holds a control character, so a filter with one is refused rather than matched. */
    private static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    private static Parameter textParameter(String name, String value) {
        return new Parameter(name, value, !hasControlCharacter(value));
    }

    private static boolean isAscii(String value) {
        return value.chars().allMatch(c -> c < 0x80);
    }

    private static String alternateCase(String value) {
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return mixed.toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A printable, bounded rendering of a value for test names. */
    static String shown(String value) {
        StringBuilder shown = new StringBuilder("'");
        value.codePoints().limit(48).forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                shown.appendCodePoint(c);
            } else {
                shown.append(c <= 0xffff ? "\\u%04x".formatted(c) : "\\U%06x".formatted(c));
            }
        });
        shown.append('\'');
        if (value.codePointCount(0, value.length()) > 48) {
            shown.append("…(").append(value.length()).append(" chars)");
        }
        return shown.toString();
    }

    private static List<JsonNode> readFixture() {
        try {
            List<JsonNode> restaurants = new ArrayList<>();
            for (String line : Files.readAllLines(Fixtures.restaurants())) {
                ObjectNode restaurant = (ObjectNode) JSON.readTree(line);
                restaurant.put("_id", restaurant.get("_id").get("$oid").asString());
                restaurants.add(restaurant);
            }
            restaurants.sort(Comparator.comparing(r -> r.get("_id").asString()));
            return List.copyOf(restaurants);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
