package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;

import io.restaurantapi.support.Http;
import io.restaurantapi.support.PublicDataset;
import io.restaurantapi.support.TestMongo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * gzip over real HTTP on the full public dataset, read with {@code java.net.http.HttpClient}, which leaves the
 * body as it came: lists are sent compressed to a client that accepts gzip, as a representation of their own with
 * an entity tag of its own (RFC 9110 §8.8.3), and uncompressed to any other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GzipIT {

    private static final String DATABASE = "gzip_it";
    private static final String LIST = "/api/v1/restaurant";

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {LIST, LIST + "?sort=name", LIST + "?type_of_food=thai&sort=-rating&page=0&size=20"})
    void sendsAListGzippedThatDecodesToExactlyTheIdentityBody(String path) throws IOException {
        HttpResponse<byte[]> identity = http.getBytes(path);
        HttpResponse<byte[]> gzipped = http.getBytes(path, "Accept-Encoding", "gzip");

        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(gzipped.body().length).isLessThan(identity.body().length);
        assertThat(gunzip(gzipped.body())).isEqualTo(identity.body());
    }

    @Test
    void tagsTheGzippedListApartFromTheIdentityOne() {
        String identityTag = tag(http.getBytes(LIST));
        String gzipTag = tag(http.getBytes(LIST, "Accept-Encoding", "gzip"));

        assertThat(gzipTag).isNotEqualTo(identityTag).startsWith("\"").endsWith("\"");
        assertThat(identityTag).startsWith("\"").endsWith("\"");
    }

    @Test
    void answersTheGzippedListsTagWith304() {
        String gzipTag = tag(http.getBytes(LIST, "Accept-Encoding", "gzip"));

        HttpResponse<byte[]> response = http.getBytes(LIST, "Accept-Encoding", "gzip", "If-None-Match", gzipTag);

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(tag(response)).isEqualTo(gzipTag);
        assertThat(response.headers().allValues("Vary")).containsExactly("Accept-Encoding");
    }

    @Test
    void answersTheIdentityTagWithTheGzippedListForAClientThatAcceptsGzip() throws IOException {
        String identityTag = tag(http.getBytes(LIST));

        HttpResponse<byte[]> response = http.getBytes(LIST, "Accept-Encoding", "gzip", "If-None-Match", identityTag);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(response.body())).isEqualTo(http.getBytes(LIST).body());
    }

    @Test
    void answersTheGzipTagWithTheIdentityListForAClientThatRefusesGzip() {
        String gzipTag = tag(http.getBytes(LIST, "Accept-Encoding", "gzip"));

        HttpResponse<byte[]> response = http.getBytes(LIST, "If-None-Match", gzipTag);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.body()).isEqualTo(http.getBytes(LIST).body());
    }

    @ParameterizedTest(name = "Accept-Encoding: {0}")
    @ValueSource(strings = {"gzip;q=0", "identity", "br", "*;q=0", "gzip;q=0, *"})
    void sendsTheListUncompressedWhenGzipIsNotAccepted(String acceptEncoding) {
        HttpResponse<byte[]> identity = http.getBytes(LIST);
        HttpResponse<byte[]> response = http.getBytes(LIST, "Accept-Encoding", acceptEncoding);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(tag(response)).isEqualTo(tag(identity));
        assertThat(response.body()).isEqualTo(identity.body());
    }

    private static String tag(HttpResponse<?> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return gzip.readAllBytes();
        }
    }
}
