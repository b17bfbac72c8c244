package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.Http;
import io.restaurantapi.support.PublicDataset;
import io.restaurantapi.support.TestMongo;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code If-None-Match} over real HTTP on the full public dataset (RFC 9110 §13.1.2, weak comparison): a restaurant,
 * the whole list and a page, each as sent to a client that accepts gzip and to one that does not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConditionalRequestsIT {

    private static final String DATABASE = "conditional_requests_it";

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry, DATABASE);
    }

    @BeforeAll
    static void loadTheDataset() throws Exception {
        PublicDataset.loadInto(DATABASE);
    }

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    static Stream<Arguments> representations() {
        return Stream.of("identity", "gzip")
                .flatMap(encoding -> Stream.of(
                                "/api/v1/restaurant/55f14313c7447c3da705224b",
                                "/api/v1/restaurant",
                                "/api/v1/restaurant?sort=-rating,name&page=3&size=50")
                        .map(path -> Arguments.of(path, encoding)));
    }

    @ParameterizedTest(name = "{0}, Accept-Encoding: {1}")
    @MethodSource("representations")
    void answersATagThatCannotMatchWithTheWholeBody(String path, String encoding) {
        HttpResponse<byte[]> unconditional = get(path, encoding);

        for (String tag : List.of("\"nope\"", "W/\"nope\"")) {
            HttpResponse<byte[]> response = get(path, encoding, tag);

            assertThat(response.statusCode()).as(tag).isEqualTo(200);
            assertThat(response.body()).as(tag).isNotEmpty().isEqualTo(unconditional.body());
            assertThat(response.headers().firstValue("ETag"))
                    .isEqualTo(unconditional.headers().firstValue("ETag"));
        }
    }

    @ParameterizedTest(name = "{0}, Accept-Encoding: {1}")
    @MethodSource("representations")
    void answersTheCurrentTagWith304(String path, String encoding) {
        assertNotModified(path, encoding, currentTag(path, encoding));
    }

    @ParameterizedTest(name = "{0}, Accept-Encoding: {1}")
    @MethodSource("representations")
    void answersAnyTagWith304(String path, String encoding) {
        assertNotModified(path, encoding, "*");
    }

    @ParameterizedTest(name = "{0}, Accept-Encoding: {1}")
    @MethodSource("representations")
    void answersAListOfTagsHoldingTheCurrentOneWith304(String path, String encoding) {
        assertNotModified(path, encoding, "\"older\", " + currentTag(path, encoding) + ", W/\"other\"");
    }

    @ParameterizedTest(name = "{0}, Accept-Encoding: {1}")
    @MethodSource("representations")
    void answersTheWeakFormOfTheCurrentTagWith304(String path, String encoding) {
        assertNotModified(path, encoding, "W/" + currentTag(path, encoding));
    }

    @Test
    void answersAnyTagForAnAbsentRestaurantWith404() {
        HttpResponse<byte[]> response =
                http.getBytes("/api/v1/restaurant/000000000000000000000000", "If-None-Match", "*");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    /** RFC 9110 §15.4.5: no content, and the ETag, Cache-Control and Vary that a 200 would have carried. */
    private void assertNotModified(String path, String encoding, String ifNoneMatch) {
        HttpResponse<byte[]> ok = get(path, encoding);
        HttpResponse<byte[]> notModified = get(path, encoding, ifNoneMatch);

        assertThat(notModified.statusCode()).as("If-None-Match: " + ifNoneMatch).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        for (String header : List.of("ETag", "Cache-Control", "Vary")) {
            assertThat(notModified.headers().allValues(header))
                    .as(header)
                    .isNotEmpty()
                    .isEqualTo(ok.headers().allValues(header));
        }
    }

    private String currentTag(String path, String encoding) {
        return get(path, encoding).headers().firstValue("ETag").orElseThrow();
    }

    private HttpResponse<byte[]> get(String path, String encoding) {
        return http.getBytes(path, "Accept-Encoding", encoding);
    }

    private HttpResponse<byte[]> get(String path, String encoding, String ifNoneMatch) {
        return http.getBytes(path, "Accept-Encoding", encoding, "If-None-Match", ifNoneMatch);
    }
}
