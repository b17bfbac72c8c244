package io.restaurantapi.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report, for the errors Tomcat answers itself before any servlet runs (a request line or header it
 * cannot parse, a header section over {@code server.max-http-request-header-size}, a bad {@code Host}, an encoded
 * slash in the path…), as problem+json instead of Tomcat's HTML page. The guards are those of the HTML report: only
 * an error status, only when nothing was written, only once, and only while the connection can still be written.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    static final String BAD_REQUEST_DETAIL = "The server cannot read this request: the request line or a header is "
            + "malformed or too large, or the target has a character that must be percent-encoded, or an encoded "
            + "slash, backslash or NUL in its path.";
    static final String OTHER_DETAIL = "The server cannot process this request.";

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(problem(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot be written: there is no one left to tell.
        }
    }

    /** Written by hand: the texts are constants, so nothing needs escaping, and no JSON library is needed here. */
    static String problem(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == HttpStatus.BAD_REQUEST.value() ? BAD_REQUEST_DETAIL : OTHER_DETAIL;
        return "{\"detail\":\"" + detail + "\",\"status\":" + status + ",\"title\":\"" + title + "\"}";
    }
}
