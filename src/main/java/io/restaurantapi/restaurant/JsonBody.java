package io.restaurantapi.restaurant;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** A JSON response body: bytes rendered in advance, or restaurants written as they are read. */
public interface JsonBody {

    void writeTo(OutputStream out) throws IOException;

    /** The length in bytes, or -1 when the body is streamed and its length is not known in advance. */
    long contentLength();

    /** The same body, gzip-compressed as it is written. */
    default JsonBody gzipped() {
        JsonBody identity = this;
        return new JsonBody() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024);
                identity.writeTo(gzip);
                gzip.finish();
            }

            @Override
            public long contentLength() {
                return -1;
            }
        };
    }
}
