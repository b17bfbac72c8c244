package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ResponseCachePropertiesTest {

    private static ResponseCacheProperties bindFromEnvironment(String maxAge) {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                        "RESTAURANT_RESPONSECACHE_MAXSIZE", "1MB",
                        "RESTAURANT_RESPONSECACHE_MAXCACHEDDOCUMENTS", "5",
                        "RESTAURANT_RESPONSECACHE_MAXAGE", maxAge));
        return new Binder(ConfigurationPropertySources.from(environment))
                .bind("restaurant.response-cache", ResponseCacheProperties.class)
                .get();
    }

    @Test
    void takesMaxAgeFromItsEnvironmentVariable() {
        assertThat(bindFromEnvironment("90s").maxAge()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void refusesANegativeMaxAgeSayingWhatItMustBe() {
        assertThatThrownBy(() -> bindFromEnvironment("-1s"))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("restaurant.response-cache.max-age (RESTAURANT_RESPONSECACHE_MAXAGE) must be a duration of "
                        + "zero or more, such as 60s, not PT-1S");
    }
}
