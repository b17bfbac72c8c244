package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GzipNegotiationTest {

    @ParameterizedTest(name = "Accept-Encoding ''{0}'' accepts gzip: {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL | false",
                "'' | false",
                "identity | false",
                "gzip | true",
                "GZIP | true",
                "deflate, gzip;q=0.8, br | true",
                "gzip;q=0 | false",
                "gzip; q=0.0 | false",
                "x-gzip | true",
                "* | true",
                "*;q=0 | false",
                "gzip;q=0, * | false",
                "br, * | true",
                "gzip;q=bogus | false"
            })
    void readsTheAcceptEncodingHeader(String header, boolean accepted) {
        assertThat(GzipNegotiation.accepts(header)).isEqualTo(accepted);
    }

    @ParameterizedTest
    @CsvSource({"'\"abc\"', '\"abc-gzip\"'"})
    void tagsTheGzipFormApart(String identity, String gzip) {
        assertThat(GzipNegotiation.tag(identity)).isEqualTo(gzip);
    }
}
