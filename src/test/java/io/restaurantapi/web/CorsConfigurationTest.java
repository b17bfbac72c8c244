package io.restaurantapi.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.restaurantapi.restaurant.RestaurantController;
import io.restaurantapi.restaurant.RestaurantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(
        controllers = RestaurantController.class,
        properties = "restaurant.cors.allowed-origins=https://app.example,https://admin.example")
class CorsConfigurationTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RestaurantService service;

    @Test
    void allowsReadsFromAConfiguredOrigin() throws Exception {
        mvc.perform(options("/api/v1/restaurant")
                        .header("Origin", "https://admin.example")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://admin.example"));
    }

    @Test
    void refusesAnOriginNotConfigured() throws Exception {
        mvc.perform(options("/api/v1/restaurant")
                        .header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isForbidden());
    }

    @Test
    void refusesWritesEvenFromAConfiguredOrigin() throws Exception {
        mvc.perform(options("/api/v1/restaurant")
                        .header("Origin", "https://app.example")
                        .header("Access-Control-Request-Method", "DELETE"))
                .andExpect(status().isForbidden());
    }
}
