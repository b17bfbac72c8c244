package io.restaurantapi.restaurant;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * JSON rendered in advance. Its gzip form is compressed once, on first demand, and kept with it, so that a
 * kept list costs no compression on later requests.
 */
public final class RenderedJson implements JsonBody {

    private final byte[] bytes;
    private volatile RenderedJson gzipped;

    public RenderedJson(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    @Override
    public long contentLength() {
        return bytes.length;
    }

    @Override
    public JsonBody gzipped() {
        RenderedJson compressed = gzipped;
        if (compressed == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8);
            try {
                JsonBody.super.gzipped().writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            compressed = new RenderedJson(out.toByteArray());
            gzipped = compressed;
        }
        return compressed;
    }
}
