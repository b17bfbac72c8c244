package io.restaurantapi.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for requests that {@code java.net.http} refuses to send (raw spaces, control
 * characters or non-ASCII bytes in the request line, oversized headers) and for reading a response at the
 * test's own pace. Every request asks the server to close the connection after the response.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 10_000;

    private RawHttp() {}

    /** {@code GET target HTTP/1.1} with a Host header and {@code extraHeaders} (whole lines, without CRLF). */
    public static byte[] get(byte[] target, String... extraHeaders) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes("GET ".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(target);
        StringBuilder head = new StringBuilder(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String header : extraHeaders) {
            head.append(header).append("\r\n");
        }
        request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        return request.toByteArray();
    }

    public static byte[] get(String target, String... extraHeaders) {
        return get(target.getBytes(StandardCharsets.ISO_8859_1), extraHeaders);
    }

    /** Sends {@code request} as is and reads the whole response, until the server closes the connection. */
    public static Response exchange(int port, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (SocketException e) {
                // The server may answer and close before reading an oversized request to its end: read the answer.
            }
            return Response.parse(readToEnd(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every byte until the end of the stream; a reset after some bytes ends it too. */
    public static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toByteArray();
    }

    /**
     * A parsed response. {@code complete} is false when the body ended before its declared length or before
     * the last chunk, so a response cut short never passes for a whole one.
     */
    public record Response(String statusLine, int status, Map<String, String> headers, byte[] body, boolean complete) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public static Response parse(byte[] raw) {
            int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            if (end < 0) {
                throw new IllegalStateException("No complete HTTP response head in " + raw.length + " bytes: "
                        + new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.ISO_8859_1));
            }
            String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] status = lines[0].split(" ", 3);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] rest = Arrays.copyOfRange(raw, end + 4, raw.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                return dechunk(lines[0], Integer.parseInt(status[1]), headers, rest);
            }
            String length = headers.get("content-length");
            boolean complete = length == null || rest.length == Long.parseLong(length);
            return new Response(lines[0], Integer.parseInt(status[1]), headers, rest, complete);
        }

        private static Response dechunk(String statusLine, int status, Map<String, String> headers, byte[] chunked) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int position = 0;
            while (true) {
                int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), position);
                if (lineEnd < 0) {
                    return new Response(statusLine, status, headers, body.toByteArray(), false);
                }
                String sizeField = new String(chunked, position, lineEnd - position, StandardCharsets.US_ASCII);
                int size = Integer.parseInt(sizeField.split(";", 2)[0].trim(), 16);
                position = lineEnd + 2;
                if (size == 0) {
                    return new Response(statusLine, status, headers, body.toByteArray(), true);
                }
                if (position + size + 2 > chunked.length) {
                    body.write(chunked, position, Math.max(0, Math.min(size, chunked.length - position)));
                    return new Response(statusLine, status, headers, body.toByteArray(), false);
                }
                body.write(chunked, position, size);
                position += size + 2;
            }
        }

        private static int indexOf(byte[] data, byte[] pattern, int from) {
            outer:
            for (int i = from; i <= data.length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
