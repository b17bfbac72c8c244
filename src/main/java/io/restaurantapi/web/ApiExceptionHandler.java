package io.restaurantapi.web;

import com.mongodb.MongoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error as RFC 9457 {@code application/problem+json}, with a detail that says what was wrong and
 * never a stack trace. Exceptions that carry their own problem ({@link org.springframework.web.ErrorResponse}: the
 * API's invalid parameter and unknown restaurant, Spring MVC's unknown route, wrong method, unacceptable media
 * type…) are answered by the base class with that problem.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** Seconds a client should wait before retrying while the database is unavailable. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final int maxQueryParameters;

    public ApiExceptionHandler(@Value("${server.tomcat.max-parameter-count}") int maxQueryParameters) {
        this.maxQueryParameters = maxQueryParameters;
    }

    /** The server could not read the query string at all: bad percent-encoding, invalid UTF-8, too many parameters. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> malformedQueryString(org.apache.tomcat.util.http.InvalidParameterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "The query string cannot be read: each parameter must be name=value, percent-encoded UTF-8, "
                        + "and there may be at most " + maxQueryParameters + " of them.");
        problem.setTitle("Malformed query string");
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler({MongoException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Database unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The restaurant database is unavailable. Try again shortly.");
        problem.setTitle("Database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "The server failed to answer this request; the error is logged.");
        problem.setTitle("Internal error");
        return ResponseEntity.of(problem).build();
    }
}
