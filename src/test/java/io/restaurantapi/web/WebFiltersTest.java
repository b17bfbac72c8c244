package io.restaurantapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.restaurantapi.restaurant.RenderedJson;
import io.restaurantapi.restaurant.RestaurantController;
import io.restaurantapi.restaurant.RestaurantJsonObject;
import io.restaurantapi.restaurant.RestaurantService;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(RestaurantController.class)
@ExtendWith(OutputCaptureExtension.class)
class WebFiltersTest {

    private static final String ID = "55f14313c7447c3da705224b";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RestaurantService service;

    @BeforeEach
    void aRestaurant() {
        given(service.findById(ID))
                .willReturn(
                        new RestaurantJsonObject("\"tag\"", new RenderedJson("{}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void apiResponsesForbidSniffingAndEveryKindOfContent() throws Exception {
        mvc.perform(get("/api/v1/restaurant/" + ID))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"));
    }

    @Test
    void errorResponsesCarryTheSameHeaders() throws Exception {
        mvc.perform(get("/api/v1/restaurant?bogus=1"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().exists("Content-Security-Policy"));
    }

    @Test
    void returnsTheClientsRequestId() throws Exception {
        mvc.perform(get("/api/v1/restaurant/" + ID).header("X-Request-Id", "trace-42.a:b"))
                .andExpect(header().string("X-Request-Id", "trace-42.a:b"));
    }

    @Test
    void makesUpARequestIdWhenTheClientSendsNone() throws Exception {
        String id = mvc.perform(get("/api/v1/restaurant/" + ID))
                .andReturn()
                .getResponse()
                .getHeader("X-Request-Id");

        assertThat(id).matches("[0-9a-f-]{36}");
    }

    @Test
    void replacesARequestIdThatCouldForgeALogLine() throws Exception {
        String id = mvc.perform(get("/api/v1/restaurant/" + ID).header("X-Request-Id", "x\" level=ERROR"))
                .andReturn()
                .getResponse()
                .getHeader("X-Request-Id");

        assertThat(id).matches("[0-9a-f-]{36}");
    }

    @Test
    void logsOneLinePerRequestWithRouteStatusAndDuration(CapturedOutput output) throws Exception {
        mvc.perform(get("/api/v1/restaurant/" + ID).header("X-Request-Id", "req-7"));

        assertThat(output.getOut()).containsPattern("GET /api/v1/restaurant/\\{id} 200 \\d+ ms");
        assertThat(output.getOut()).doesNotContain("/api/v1/restaurant/" + ID + " ");
    }

    @Test
    void allowsNoCrossOriginCallsByDefault() throws Exception {
        mvc.perform(options("/api/v1/restaurant")
                        .header("Origin", "https://elsewhere.example")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }
}
