package io.restaurantapi.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document springdoc serves at {@code /v3/api-docs} (and Swagger UI shows): what the API is, and the
 * components its operations share, which the annotations on {@code RestaurantApi} refer to by these names.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String RESTAURANT_SCHEMA = "#/components/schemas/Restaurant";
    public static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    public static final String ETAG_HEADER = "#/components/headers/ETag";
    public static final String CACHE_CONTROL_HEADER = "#/components/headers/Cache-Control";
    public static final String VARY_HEADER = "#/components/headers/Vary";
    public static final String REQUEST_ID_HEADER = "#/components/headers/X-Request-Id";

    public static final String NOT_MODIFIED_RESPONSE = "#/components/responses/NotModified";
    public static final String DATABASE_UNAVAILABLE_RESPONSE = "#/components/responses/DatabaseUnavailable";
    public static final String UNEXPECTED_ERROR_RESPONSE = "#/components/responses/UnexpectedError";

    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    public static final String OBJECT_ID_PATTERN = "^[0-9a-fA-F]{24}$";

    /** The id of a restaurant of the public dataset, so that trying the example out finds one. */
    public static final String EXAMPLE_ID = "55f14313c7447c3da705224b";

    static final String DESCRIPTION = """
            Read-only access to a collection of restaurants.

            * Restaurants are served as stored: every field with its name and JSON type, and `_id` as its 24-hex string.
            * Responses carry a strong `ETag` (a different one for the gzip encoding) and `Cache-Control: no-cache`:
              send the tag back in `If-None-Match` to get `304 Not Modified` without a body.
            * Every error is an RFC 9457 problem detail (`application/problem+json`); a bad parameter is named in `parameter`.
            * Every response carries `X-Request-Id`: the client's own id when it sent an acceptable one, else a new one.

            The data served is the public restaurant dataset, published under the Apache License 2.0.""";

    @Bean
    OpenAPI restaurantOpenApi(ObjectProvider<BuildProperties> buildProperties) {
        BuildProperties build = buildProperties.getIfAvailable();
        String version = build != null ? build.getVersion() : "development";
        return new OpenAPI()
                .info(new Info()
                        .title("restaurant-api")
                        .version(version)
                        .description(DESCRIPTION)
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(
                        new Components().schemas(schemas()).headers(headers()).responses(responses()));
    }

    /**
     * springdoc gives every response header {@code style: simple}; a header that is a reference to a component
     * carries nothing beside the reference.
     */
    @Bean
    OpenApiCustomizer referencedHeadersCarryNothingElse() {
        return openApi -> openApi.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .flatMap(operation -> operation.getResponses().values().stream())
                .filter(response -> response.getHeaders() != null)
                .flatMap(response -> response.getHeaders().values().stream())
                .filter(header -> header.get$ref() != null)
                .forEach(header -> header.setStyle(null));
    }

    private static Map<String, Schema> schemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put("Restaurant", restaurant());
        schemas.put("Problem", problem());
        return schemas;
    }

    /** The fields of the public dataset, as the API serves them; other stored fields are served too, as stored. */
    private static Schema<?> restaurant() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "_id",
                string("The restaurant's id: its MongoDB ObjectId as 24 hexadecimal digits.")
                        .pattern(OBJECT_ID_PATTERN)
                        .example(EXAMPLE_ID));
        properties.put("URL", string("The restaurant's page.").example("http://www.example.com/menu/curry-house"));
        properties.put(
                "address",
                new Schema<>()
                        .description("First address line: text, or a bare number in a few documents.")
                        .oneOf(List.of(typed("string"), typed("integer")))
                        .example("1 High Street"));
        properties.put(
                "address line 2",
                string("Second address line, usually the town.").example("Sometown"));
        properties.put("name", string("The restaurant's name.").example("The Curry House"));
        properties.put("outcode", string("The outward part of the postcode.").example("AB1"));
        properties.put("postcode", string("The inward part of the postcode.").example("2CD"));
        properties.put(
                "rating",
                new Schema<>()
                        .description("The customer rating: a number, or the text \"Not yet rated\".")
                        .oneOf(List.of(typed("number"), typed("string")._enum(List.of("Not yet rated"))))
                        .example(4.5));
        properties.put("type_of_food", string("The kind of food.").example("Curry"));
        return typed("object")
                .description(
                        "A restaurant, as stored. Only `_id` is guaranteed; the public dataset has every field listed "
                                + "here, and any other stored field is served too, with its stored name and value.")
                .properties(properties)
                .required(List.of("_id"))
                .additionalProperties(true)
                .example(example(properties));
    }

    /** An object made of the properties' examples (else Swagger UI shows a made-up extra property too). */
    private static Map<String, Object> example(Map<String, Schema> properties) {
        Map<String, Object> example = new LinkedHashMap<>();
        properties.forEach((name, schema) -> example.put(name, schema.getExample()));
        return example;
    }

    /** An RFC 9457 problem detail, as every error is answered. */
    private static Schema<?> problem() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                string("A URI reference that identifies the problem type; absent means `about:blank`.")
                        .format("uri-reference"));
        properties.put("title", string("A short summary of the problem type.").example("Invalid parameter"));
        properties.put(
                "status",
                typed("integer")
                        .format("int32")
                        .description("The HTTP status code.")
                        .example(400));
        properties.put(
                "detail",
                string("What was wrong with this request.")
                        .example("Query parameter 'size' must be a whole number from 1 to 1000, not '5000'."));
        properties.put(
                "instance",
                string("The path of the request.").format("uri-reference").example("/api/v1/restaurant"));
        properties.put(
                "parameter",
                string("The request parameter that could not be accepted (`400 Invalid parameter` only).")
                        .example("size"));
        return typed("object")
                .description("An RFC 9457 problem detail.")
                .properties(properties)
                .required(List.of("title", "status", "detail", "instance"));
    }

    private static Map<String, Header> headers() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put(
                "ETag",
                header("A strong entity tag of this representation; the gzip-encoded one has its own. "
                        + "Send it in `If-None-Match` to revalidate."));
        headers.put(
                "Cache-Control",
                header("`no-cache`: the response may be stored, but must be revalidated before each use.")
                        .example("no-cache"));
        headers.put(
                "Vary",
                header("`Accept-Encoding`: the body and its entity tag depend on the gzip negotiation.")
                        .example("Accept-Encoding"));
        headers.put(
                "X-Request-Id",
                header("The id this request is logged under: the client's `X-Request-Id` when "
                        + "acceptable, else a generated UUID."));
        return headers;
    }

    private static Map<String, ApiResponse> responses() {
        Map<String, ApiResponse> responses = new LinkedHashMap<>();
        responses.put(
                "NotModified",
                new ApiResponse()
                        .description(
                                "Not Modified: the `If-None-Match` tag matches the current representation; no body.")
                        .headers(refs("ETag", "Cache-Control", "Vary", "X-Request-Id")));
        Map<String, Header> unavailable = new LinkedHashMap<>();
        unavailable.put(
                "Retry-After",
                header("Seconds to wait before retrying.")
                        .schema(typed("integer"))
                        .example(5));
        unavailable.putAll(refs("X-Request-Id"));
        responses.put(
                "DatabaseUnavailable",
                new ApiResponse()
                        .description(
                                "Service Unavailable: the database cannot be reached; the request failed fast. Retry later.")
                        .headers(unavailable)
                        .content(problemContent()));
        responses.put(
                "UnexpectedError",
                new ApiResponse()
                        .description(
                                "Any other error (`406` for an unacceptable `Accept`, `500` for a fault of the server…), "
                                        + "as a problem detail.")
                        .headers(refs("X-Request-Id"))
                        .content(problemContent()));
        return responses;
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(PROBLEM_MEDIA_TYPE, new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA)));
    }

    private static Map<String, Header> refs(String... names) {
        Map<String, Header> headers = new LinkedHashMap<>();
        for (String name : names) {
            headers.put(name, new Header().$ref("#/components/headers/" + name));
        }
        return headers;
    }

    private static Header header(String description) {
        return new Header().description(description).schema(typed("string"));
    }

    private static Schema<?> string(String description) {
        return typed("string").description(description);
    }

    private static Schema<Object> typed(String type) {
        Schema<Object> schema = new Schema<>();
        schema.type(type);
        schema.addType(type);
        return schema;
    }
}
