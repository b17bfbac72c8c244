package io.restaurantapi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.AlternativeJdkIdGenerator;
import org.springframework.util.IdGenerator;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One log line per request, with method, route template (never the raw path, which carries ids and whatever a
 * client sends), status and duration, under a request id taken from {@code X-Request-Id} or made up, and
 * returned in the same header. Every other log line of the request carries the id too ({@code requestId} in
 * the MDC). Health probes are logged at DEBUG, as they come every few seconds.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLoggingFilter extends OncePerRequestFilter {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String REQUEST_ID_KEY = "requestId";

    /** An id a client may choose: short, and nothing that could forge or break a log line. */
    private static final Pattern ACCEPTABLE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Random UUIDs from a securely seeded generator: unique, without a call to SecureRandom on every request. */
    private static final IdGenerator REQUEST_IDS = new AlternativeJdkIdGenerator();

    private static final Logger log = LoggerFactory.getLogger(RequestLoggingFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = requestId(request.getHeader(REQUEST_ID_HEADER));
        response.setHeader(REQUEST_ID_HEADER, requestId);
        MDC.put(REQUEST_ID_KEY, requestId);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long durationMillis = (System.nanoTime() - start) / 1_000_000;
            Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            String routeTemplate = route == null ? "(no route)" : route.toString();
            Level level = request.getRequestURI().startsWith("/actuator/health") ? Level.DEBUG : Level.INFO;
            log.atLevel(level)
                    .addKeyValue("http.request.method", request.getMethod())
                    .addKeyValue("url.route", routeTemplate)
                    .addKeyValue("http.response.status_code", response.getStatus())
                    .addKeyValue("event.duration_ms", durationMillis)
                    .log("{} {} {} {} ms", request.getMethod(), routeTemplate, response.getStatus(), durationMillis);
            MDC.remove(REQUEST_ID_KEY);
        }
    }

    static String requestId(String fromClient) {
        if (fromClient != null && ACCEPTABLE_REQUEST_ID.matcher(fromClient).matches()) {
            return fromClient;
        }
        return REQUEST_IDS.generateId().toString();
    }
}
