package io.restaurantapi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that stop a browser from treating the API's JSON as anything else: no content sniffing, and a
 * policy that lets a response load, run or frame nothing. Only API responses get the policy; other pages
 * (the API documentation) need their scripts.
 */
@Component
public class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String API_PATH = "/api/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (request.getRequestURI().startsWith(API_PATH)) {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("Referrer-Policy", "no-referrer");
        }
        chain.doFilter(request, response);
    }
}
