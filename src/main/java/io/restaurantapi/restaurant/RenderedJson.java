package io.restaurantapi.restaurant;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * JSON rendered in advance, and, for a body made {@link #withGzip}, its gzip form compressed once with it, so that a
 * kept list costs no compression on later requests. The gzip form is made up front rather than on first demand so
 * that the memory a kept body holds is known when the response cache weighs it: the cache weighs an entry once.
 */
public final class RenderedJson implements JsonBody {

    private final byte[] bytes;
    private final RenderedJson gzipped;

    /** JSON whose gzip form, when asked for, is compressed as it is written and not kept. */
    public RenderedJson(byte[] bytes) {
        this(bytes, null);
    }

    private RenderedJson(byte[] bytes, RenderedJson gzipped) {
        this.bytes = bytes;
        this.gzipped = gzipped;
    }

    /** JSON with its gzip form compressed now and kept beside it. */
    static RenderedJson withGzip(byte[] bytes) {
        RenderedJson identity = new RenderedJson(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8);
        try {
            identity.gzipped().writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedJson(bytes, new RenderedJson(out.toByteArray()));
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
        return gzipped != null ? gzipped : JsonBody.super.gzipped();
    }

    /** The bytes this body holds in memory: its JSON and the gzip form kept with it. */
    long heldBytes() {
        return bytes.length + (gzipped == null ? 0 : gzipped.bytes.length);
    }
}
