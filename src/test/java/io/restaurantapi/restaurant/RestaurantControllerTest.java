package io.restaurantapi.restaurant;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.MongoTimeoutException;
import io.restaurantapi.web.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(RestaurantController.class)
class RestaurantControllerTest {

    private static final String BAYLEAF = "{\"_id\": \"55f14313c7447c3da705224b\", \"name\": \"Bayleaf\"}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RestaurantService service;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static RestaurantList list(String json, Long totalCount) {
        return new RestaurantList("\"list\"", new RenderedJson(utf8(json)), totalCount);
    }

    @Test
    void listsRestaurantsAsAJsonArray() throws Exception {
        given(service.list(RestaurantQuery.ALL)).willReturn(list("[" + BAYLEAF + "]", null));

        mvc.perform(get("/api/v1/restaurant"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$[0].name").value("Bayleaf"))
                .andExpect(header().doesNotExist("X-Total-Count"))
                .andExpect(header().doesNotExist("Link"));
    }

    @Test
    void servesOneRestaurantAsAnObject() throws Exception {
        given(service.findById("55f14313c7447c3da705224b"))
                .willReturn(new RestaurantJsonObject("\"bayleaf\"", new RenderedJson(utf8(BAYLEAF))));

        mvc.perform(get("/api/v1/restaurant/55f14313c7447c3da705224b"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$._id").value("55f14313c7447c3da705224b"));
    }

    @Test
    void answersAnUnknownIdWith404Problem() throws Exception {
        given(service.findById("55f14313c7447c3da70522ff"))
                .willThrow(new RestaurantNotFoundException("55f14313c7447c3da70522ff"));

        mvc.perform(get("/api/v1/restaurant/55f14313c7447c3da70522ff"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Restaurant not found"))
                .andExpect(jsonPath("$.detail").value("No restaurant has id '55f14313c7447c3da70522ff'."))
                .andExpect(jsonPath("$.instance").value("/api/v1/restaurant/55f14313c7447c3da70522ff"));
    }

    @Test
    void answersAMalformedIdWith400ProblemNamingTheParameter() throws Exception {
        given(service.findById("nope")).willThrow(new InvalidParameterException("id", "Restaurant id must be 24 hex"));

        mvc.perform(get("/api/v1/restaurant/nope"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("id"))
                .andExpect(jsonPath("$.detail").value("Restaurant id must be 24 hex"));
    }

    @Test
    void answersAnUnknownQueryParameterWith400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/v1/restaurant").param("colour", "red"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid parameter"))
                .andExpect(jsonPath("$.parameter").value("colour"));
        verifyNoInteractions(service);
    }

    @Test
    void answersABadPageSizeWith400Problem() throws Exception {
        mvc.perform(get("/api/v1/restaurant").param("size", "5000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("size"))
                .andExpect(jsonPath("$.detail")
                        .value("Query parameter 'size' must be a whole number from 1 to 1000, not '5000'."));
    }

    @Test
    void pagesCarryTheTotalAndLinksToOtherPages() throws Exception {
        given(service.list(any())).willReturn(list("[]", 45L));

        mvc.perform(get("/api/v1/restaurant?name=wok&page=1&size=20"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Total-Count", "45"))
                .andExpect(header().string(
                                "Link",
                                String.join(
                                        ", ",
                                        "<http://localhost/api/v1/restaurant?name=wok&size=20&page=0>; rel=\"first\"",
                                        "<http://localhost/api/v1/restaurant?name=wok&size=20&page=0>; rel=\"prev\"",
                                        "<http://localhost/api/v1/restaurant?name=wok&size=20&page=2>; rel=\"next\"",
                                        "<http://localhost/api/v1/restaurant?name=wok&size=20&page=2>; rel=\"last\"")));
    }

    @Test
    void theFirstPageHasNoPreviousAndTheLastNoNext() throws Exception {
        given(service.list(any())).willReturn(list("[]", 3L));

        mvc.perform(get("/api/v1/restaurant?size=5"))
                .andExpect(header().string(
                                "Link",
                                String.join(
                                        ", ",
                                        "<http://localhost/api/v1/restaurant?size=5&page=0>; rel=\"first\"",
                                        "<http://localhost/api/v1/restaurant?size=5&page=0>; rel=\"last\"")));
    }

    @Test
    void aPageBeyondTheLastIsEmptyAndLinksBackToTheLast() throws Exception {
        given(service.list(any())).willReturn(list("[]", 3L));

        mvc.perform(get("/api/v1/restaurant?page=9&size=2"))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"))
                .andExpect(header().string(
                                "Link",
                                String.join(
                                        ", ",
                                        "<http://localhost/api/v1/restaurant?size=2&page=0>; rel=\"first\"",
                                        "<http://localhost/api/v1/restaurant?size=2&page=1>; rel=\"prev\"",
                                        "<http://localhost/api/v1/restaurant?size=2&page=1>; rel=\"last\"")));
    }

    @Test
    void answersAnUnavailableDatabaseWith503Problem() throws Exception {
        given(service.list(any())).willThrow(new MongoTimeoutException("Timed out while waiting for a server"));

        mvc.perform(get("/api/v1/restaurant"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.title").value("Database unavailable"))
                .andExpect(jsonPath("$.detail").value("The restaurant database is unavailable. Try again shortly."));
    }

    @Test
    void answersAnUnexpectedFailureWith500ProblemWithoutInternals() throws Exception {
        given(service.findById(any())).willThrow(new IllegalStateException("secret internals"));

        mvc.perform(get("/api/v1/restaurant/55f14313c7447c3da705224b"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The server failed to answer this request; the error is logged."))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
    }

    @Test
    void answersAnUnknownPathWith404Problem() throws Exception {
        mvc.perform(get("/api/v1/restaurants"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void answersAnotherMethodWith405Problem() throws Exception {
        mvc.perform(post("/api/v1/restaurant"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Allow", "GET"));
    }

    @Test
    void passesTheParsedQueryToTheService() throws Exception {
        RestaurantQuery expected = new RestaurantQuery(
                "Thai", null, null, null, 4.0, List.of(new RestaurantQuery.SortOrder("name", false)), null);
        given(service.list(expected)).willReturn(list("[]", null));

        mvc.perform(get("/api/v1/restaurant")
                        .param("type_of_food", "Thai")
                        .param("min_rating", "4")
                        .param("sort", "name"))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void tagsEveryResponseAndAsksForRevalidation() throws Exception {
        given(service.list(RestaurantQuery.ALL)).willReturn(list("[]", null));

        mvc.perform(get("/api/v1/restaurant"))
                .andExpect(header().string("ETag", "\"list\""))
                .andExpect(header().string("Cache-Control", "no-cache"))
                .andExpect(header().string("Vary", "Accept-Encoding"));
    }

    @Test
    void answersAMatchingIfNoneMatchWith304AndNoBody() throws Exception {
        given(service.findById("55f14313c7447c3da705224b"))
                .willReturn(new RestaurantJsonObject("\"bayleaf\"", new RenderedJson(utf8(BAYLEAF))));

        mvc.perform(get("/api/v1/restaurant/55f14313c7447c3da705224b").header("If-None-Match", "\"bayleaf\""))
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", "\"bayleaf\""))
                .andExpect(content().string(""));
    }

    @Test
    void answersAStaleIfNoneMatchWithTheBody() throws Exception {
        given(service.list(RestaurantQuery.ALL)).willReturn(list("[]", null));

        mvc.perform(get("/api/v1/restaurant").header("If-None-Match", "\"older\""))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void compressesALargeBodyForAClientThatAcceptsGzip() throws Exception {
        String large = "[" + String.join(",", java.util.Collections.nCopies(50, BAYLEAF)) + "]";
        given(service.list(RestaurantQuery.ALL)).willReturn(list(large, null));

        byte[] body = mvc.perform(get("/api/v1/restaurant").header("Accept-Encoding", "gzip, br"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Encoding", "gzip"))
                .andExpect(header().string("ETag", "\"list-gzip\""))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();

        try (var gunzip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            org.assertj.core.api.Assertions.assertThat(new String(gunzip.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(large);
        }
    }

    @Test
    void sendsASmallBodyUncompressed() throws Exception {
        given(service.findById("55f14313c7447c3da705224b"))
                .willReturn(new RestaurantJsonObject("\"bayleaf\"", new RenderedJson(utf8(BAYLEAF))));

        mvc.perform(get("/api/v1/restaurant/55f14313c7447c3da705224b").header("Accept-Encoding", "gzip"))
                .andExpect(header().doesNotExist("Content-Encoding"))
                .andExpect(header().string("ETag", "\"bayleaf\""));
    }
}
