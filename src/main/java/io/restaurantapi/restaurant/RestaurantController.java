package io.restaurantapi.restaurant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(path = "/api/v1/restaurant", produces = MediaType.APPLICATION_JSON_VALUE)
public class RestaurantController implements RestaurantApi {

    static final String TOTAL_COUNT = "X-Total-Count";

    /**
     * Clients and caches may keep responses but must revalidate them on every use: a reseed can change any
     * response at any time, and revalidation costs a 304 without a body.
     */
    static final CacheControl CACHE_CONTROL = CacheControl.noCache();

    private final RestaurantService service;
    private final DataSize compressionThreshold;

    public RestaurantController(
            RestaurantService service,
            @Value("${server.compression.min-response-size:2KB}") DataSize compressionThreshold) {
        this.service = service;
        this.compressionThreshold = compressionThreshold;
    }

    @Override
    @GetMapping
    public ResponseEntity<JsonBody> list(@RequestParam MultiValueMap<String, String> parameters, WebRequest request) {
        RestaurantQuery query = RestaurantQueryParser.parse(parameters);
        RestaurantList list = service.list(query);
        return respond(list.etag(), list.body(), request, headers -> {
            if (query.isPaged()) {
                headers.set(TOTAL_COUNT, String.valueOf(list.totalCount()));
                headers.set(HttpHeaders.LINK, pageLinks(query.paging(), list.totalCount()));
            }
        });
    }

    @Override
    @GetMapping("/{id}")
    public ResponseEntity<JsonBody> byId(@PathVariable String id, WebRequest request) {
        RestaurantJsonObject restaurant = service.findById(id);
        return respond(restaurant.etag(), restaurant.body(), request, headers -> {});
    }

    /**
     * A 200 with the body, gzip-compressed when the client accepts it and the body is large enough to gain,
     * or a 304 without it when the client already holds that representation. The headers are set on the response's
     * own builder rather than copied into it: this runs on every request.
     */
    private ResponseEntity<JsonBody> respond(
            String etag, JsonBody body, WebRequest request, Consumer<HttpHeaders> representationHeaders) {
        boolean compress = GzipNegotiation.accepts(request.getHeader(HttpHeaders.ACCEPT_ENCODING))
                && (body.contentLength() < 0 || body.contentLength() >= compressionThreshold.toBytes());
        String tag = compress ? GzipNegotiation.tag(etag) : etag;
        boolean notModified = request.checkNotModified(tag) || ifNoneMatchesAny(request);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(
                        notModified ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
                .eTag(tag)
                .cacheControl(CACHE_CONTROL)
                .varyBy(HttpHeaders.ACCEPT_ENCODING)
                .headers(representationHeaders);
        if (notModified) {
            return response.build();
        }
        if (compress) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response.contentType(MediaType.APPLICATION_JSON).body(compress ? body.gzipped() : body);
    }

    /**
     * Whether {@code If-None-Match} holds {@code *}, which matches any current representation (RFC 9110 §13.1.2), as
     * every restaurant and list served has: Spring's check applies the wildcard to unsafe methods only.
     */
    private static boolean ifNoneMatchesAny(WebRequest request) {
        String[] values = request.getHeaderValues(HttpHeaders.IF_NONE_MATCH);
        return values != null
                && Arrays.stream(values).map(ETag::parse).flatMap(List::stream).anyMatch(ETag::isWildcard);
    }

    /** RFC 8288 links to the first, previous, next and last pages, keeping every other parameter of this request. */
    private static String pageLinks(RestaurantQuery.Paging paging, long totalCount) {
        int lastPage = (int) Math.max(0, (totalCount - 1) / paging.size());
        List<String> links = new ArrayList<>();
        links.add(link(0, "first"));
        if (paging.page() > 0) {
            links.add(link(Math.min(paging.page() - 1, lastPage), "prev"));
        }
        if (paging.page() < lastPage) {
            links.add(link(paging.page() + 1, "next"));
        }
        links.add(link(lastPage, "last"));
        return String.join(", ", links);
    }

    private static String link(int page, String relation) {
        String uri = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam(RestaurantQueryParser.PAGE, page)
                .build()
                .toUriString();
        return "<" + uri + ">; rel=\"" + relation + "\"";
    }
}
