package io.restaurantapi.web;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Cross-origin browser access to the API: off unless origins are configured, and then for reads only. */
@Configuration(proxyBeanMethods = false)
public class CorsConfiguration implements WebMvcConfigurer {

    private final List<String> allowedOrigins;

    public CorsConfiguration(@Value("${restaurant.cors.allowed-origins:}") List<String> allowedOrigins) {
        this.allowedOrigins =
                allowedOrigins.stream().filter(origin -> !origin.isBlank()).toList();
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!allowedOrigins.isEmpty()) {
            registry.addMapping("/api/**")
                    .allowedOrigins(allowedOrigins.toArray(String[]::new))
                    .allowedMethods("GET", "HEAD")
                    .exposedHeaders("ETag", "Link", "X-Total-Count", RequestLoggingFilter.REQUEST_ID_HEADER);
        }
    }
}
