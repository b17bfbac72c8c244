package io.restaurantapi.restaurant;

import static io.restaurantapi.config.OpenApiConfiguration.CACHE_CONTROL_HEADER;
import static io.restaurantapi.config.OpenApiConfiguration.DATABASE_UNAVAILABLE_RESPONSE;
import static io.restaurantapi.config.OpenApiConfiguration.ETAG_HEADER;
import static io.restaurantapi.config.OpenApiConfiguration.EXAMPLE_ID;
import static io.restaurantapi.config.OpenApiConfiguration.NOT_MODIFIED_RESPONSE;
import static io.restaurantapi.config.OpenApiConfiguration.OBJECT_ID_PATTERN;
import static io.restaurantapi.config.OpenApiConfiguration.PROBLEM_MEDIA_TYPE;
import static io.restaurantapi.config.OpenApiConfiguration.PROBLEM_SCHEMA;
import static io.restaurantapi.config.OpenApiConfiguration.REQUEST_ID_HEADER;
import static io.restaurantapi.config.OpenApiConfiguration.RESTAURANT_SCHEMA;
import static io.restaurantapi.config.OpenApiConfiguration.UNEXPECTED_ERROR_RESPONSE;
import static io.restaurantapi.config.OpenApiConfiguration.VARY_HEADER;
import static io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER;
import static io.swagger.v3.oas.annotations.enums.ParameterIn.PATH;
import static io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.context.request.WebRequest;

/**
 * The API's documentation, as the OpenAPI document at {@code /v3/api-docs} and Swagger UI show it; the
 * controller implements it and keeps the request mapping. The headers, responses and schemas both operations
 * use are components of {@link io.restaurantapi.config.OpenApiConfiguration}.
 *
 * <p>The list takes its query string as a whole, so that it can refuse unknown and repeated parameters; its
 * parameters are therefore declared here, one by one, with the constraints {@link RestaurantQueryParser} enforces.
 */
@Tag(name = "restaurants", description = "The restaurants of the collection")
interface RestaurantApi {

    String IF_NONE_MATCH =
            "An `ETag` of an earlier response: when it matches the current one, the answer is `304 Not Modified`.";
    String REQUEST_ID = "An id to log this request under, returned in the `X-Request-Id` response header. Up to 64 "
            + "letters, digits and `. _ : -`; any other value is replaced by a generated id (never refused).";

    @Operation(operationId = "listRestaurants", summary = "List restaurants", description = """
                    The restaurants the query parameters select; without any, every restaurant. Text is matched \
                    literally, never as a pattern or a query operator. `page` or `size` asks for one page, which \
                    adds `X-Total-Count` and `Link` headers; the body stays an array.

                    An unknown, repeated, empty or invalid parameter is refused with `400`, naming it in `parameter`.""")
    @Parameter(
            in = QUERY,
            name = RestaurantQueryParser.TYPE_OF_FOOD,
            example = "Thai",
            description = "Only restaurants with this type of food (exact match, case-insensitive).",
            schema = @Schema(type = "string", minLength = 1, maxLength = RestaurantQueryParser.MAX_TEXT_LENGTH))
    @Parameter(
            in = QUERY,
            name = RestaurantQueryParser.OUTCODE,
            example = "SE1",
            description =
                    "Only restaurants with this outcode, the outward part of the postcode (exact match, case-insensitive).",
            schema = @Schema(type = "string", minLength = 1, maxLength = RestaurantQueryParser.MAX_TEXT_LENGTH))
    @Parameter(
            in = QUERY,
            name = RestaurantQueryParser.POSTCODE,
            example = "1AA",
            description = "Only restaurants with this postcode, the inward part (exact match, case-insensitive).",
            schema = @Schema(type = "string", minLength = 1, maxLength = RestaurantQueryParser.MAX_TEXT_LENGTH))
    @Parameter(
            in = QUERY,
            name = RestaurantQueryParser.NAME,
            example = "pizza",
            description = "Only restaurants whose name contains this text (case-insensitive).",
            schema = @Schema(type = "string", minLength = 1, maxLength = RestaurantQueryParser.MAX_TEXT_LENGTH))
    @Parameter(
            in = QUERY,
            name = RestaurantQueryParser.MIN_RATING,
            example = "4.5",
            description =
                    "Only restaurants with a numeric rating at or above this one (unrated ones are left out). "
                            + "Any number as JSON writes it (`4`, `4.5`, `45e-1`); `NaN`, `Infinity` and hexadecimal are refused.",
            schema = @Schema(type = "number"))
    @Parameter(
            in = QUERY,
            name = RestaurantQueryParser.SORT,
            example = "-rating,name",
            description = "Sort keys, comma-separated, each at most once: `name`, `rating`, `type_of_food`, `outcode`, "
                    + "`postcode`; `-` before a key sorts descending. Ties are broken by `_id`. As in MongoDB, numbers "
                    + "sort before text, so `-rating` lists the unrated restaurants first.",
            schema = @Schema(type = "string", pattern = RestaurantApi.SORT_PATTERN))
    @Parameter(
            in = QUERY,
            name = RestaurantQueryParser.PAGE,
            example = "0",
            description = "The page to return, from 0 (the default when `size` is given). `page × size` must stay "
                    + "below 2³¹.",
            schema = @Schema(type = "integer", format = "int32", minimum = "0", maximum = "2147483647"))
    @Parameter(
            in = QUERY,
            name = RestaurantQueryParser.SIZE,
            example = "20",
            description = "Restaurants a page; 20 when only `page` is given.",
            schema =
                    @Schema(
                            type = "integer",
                            format = "int32",
                            minimum = "1",
                            maximum = "" + RestaurantQueryParser.MAX_PAGE_SIZE))
    @Parameter(in = HEADER, name = "If-None-Match", description = IF_NONE_MATCH, schema = @Schema(type = "string"))
    @Parameter(in = HEADER, name = "X-Request-Id", description = REQUEST_ID, schema = @Schema(type = "string"))
    @ApiResponse(
            responseCode = "200",
            description = "The restaurants, in the requested order (else in storage order).",
            content =
                    @Content(
                            mediaType = "application/json",
                            array = @ArraySchema(schema = @Schema(ref = RESTAURANT_SCHEMA))),
            headers = {
                @Header(name = "ETag", ref = ETAG_HEADER),
                @Header(name = "Cache-Control", ref = CACHE_CONTROL_HEADER),
                @Header(name = "Vary", ref = VARY_HEADER),
                @Header(
                        name = "X-Total-Count",
                        schema = @Schema(type = "integer", format = "int64"),
                        description = "With `page` or `size` only: how many restaurants the filters select in all."),
                @Header(
                        name = "Link",
                        schema = @Schema(type = "string"),
                        description = "With `page` or `size` only: RFC 8288 links to the `first`, `prev`, `next` "
                                + "and `last` pages, keeping the other parameters."),
                @Header(name = "X-Request-Id", ref = REQUEST_ID_HEADER)
            })
    @ApiResponse(responseCode = "304", ref = NOT_MODIFIED_RESPONSE)
    @ApiResponse(
            responseCode = "400",
            description = "Invalid parameter: unknown, repeated, empty or out of range; " + "`parameter` names it.",
            content = @Content(mediaType = PROBLEM_MEDIA_TYPE, schema = @Schema(ref = PROBLEM_SCHEMA)),
            headers = @Header(name = "X-Request-Id", ref = REQUEST_ID_HEADER))
    @ApiResponse(responseCode = "503", ref = DATABASE_UNAVAILABLE_RESPONSE)
    @ApiResponse(responseCode = "default", ref = UNEXPECTED_ERROR_RESPONSE)
    ResponseEntity<JsonBody> list(
            @Parameter(hidden = true) MultiValueMap<String, String> parameters,
            @Parameter(hidden = true) WebRequest request);

    @Operation(operationId = "getRestaurant", summary = "Get one restaurant by id")
    @Parameter(in = HEADER, name = "If-None-Match", description = IF_NONE_MATCH, schema = @Schema(type = "string"))
    @Parameter(in = HEADER, name = "X-Request-Id", description = REQUEST_ID, schema = @Schema(type = "string"))
    @ApiResponse(
            responseCode = "200",
            description = "The restaurant.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = RESTAURANT_SCHEMA)),
            headers = {
                @Header(name = "ETag", ref = ETAG_HEADER),
                @Header(name = "Cache-Control", ref = CACHE_CONTROL_HEADER),
                @Header(name = "Vary", ref = VARY_HEADER),
                @Header(name = "X-Request-Id", ref = REQUEST_ID_HEADER)
            })
    @ApiResponse(responseCode = "304", ref = NOT_MODIFIED_RESPONSE)
    @ApiResponse(
            responseCode = "400",
            description = "Invalid parameter: the id is not 24 hexadecimal digits.",
            content = @Content(mediaType = PROBLEM_MEDIA_TYPE, schema = @Schema(ref = PROBLEM_SCHEMA)),
            headers = @Header(name = "X-Request-Id", ref = REQUEST_ID_HEADER))
    @ApiResponse(
            responseCode = "404",
            description = "Restaurant not found: no restaurant has this id.",
            content = @Content(mediaType = PROBLEM_MEDIA_TYPE, schema = @Schema(ref = PROBLEM_SCHEMA)),
            headers = @Header(name = "X-Request-Id", ref = REQUEST_ID_HEADER))
    @ApiResponse(responseCode = "503", ref = DATABASE_UNAVAILABLE_RESPONSE)
    @ApiResponse(responseCode = "default", ref = UNEXPECTED_ERROR_RESPONSE)
    ResponseEntity<JsonBody> byId(
            @Parameter(
                            in = PATH,
                            required = true,
                            example = EXAMPLE_ID,
                            description = "The restaurant's `_id`: 24 hexadecimal digits (a MongoDB ObjectId).",
                            schema = @Schema(type = "string", pattern = OBJECT_ID_PATTERN))
                    String id,
            @Parameter(hidden = true) WebRequest request);

    /** One sort key ({@link RestaurantQueryParser#SORTABLE_FIELDS}, optionally after {@code -}), then more after commas. */
    String SORT_KEY = "-?(name|rating|type_of_food|outcode|postcode)";

    String SORT_PATTERN = "^" + SORT_KEY + "(," + SORT_KEY + ")*$";
}
