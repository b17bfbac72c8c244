package io.restaurantapi.restaurant;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(path = "/api/v1/restaurant", produces = MediaType.APPLICATION_JSON_VALUE)
public class RestaurantController {

    static final String TOTAL_COUNT = "X-Total-Count";

    private final RestaurantService service;

    public RestaurantController(RestaurantService service) {
        this.service = service;
    }

    @GetMapping
    public ResponseEntity<byte[]> list(@RequestParam MultiValueMap<String, String> parameters) {
        RestaurantQuery query = RestaurantQueryParser.parse(parameters);
        RestaurantList list = service.list(query);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (query.isPaged()) {
            response.header(TOTAL_COUNT, String.valueOf(list.totalCount()))
                    .header(HttpHeaders.LINK, pageLinks(query.paging(), list.totalCount()));
        }
        return response.body(list.json());
    }

    @GetMapping("/{id}")
    public ResponseEntity<byte[]> byId(@PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(service.findById(id));
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
