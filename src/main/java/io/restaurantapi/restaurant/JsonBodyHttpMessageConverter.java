package io.restaurantapi.restaurant;

import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/** Writes a {@link JsonBody} as it is, without going through a JSON mapper: it is JSON already. */
@Component
public class JsonBodyHttpMessageConverter extends AbstractHttpMessageConverter<JsonBody> {

    public JsonBodyHttpMessageConverter() {
        super(MediaType.APPLICATION_JSON);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return JsonBody.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected JsonBody readInternal(Class<? extends JsonBody> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("JSON bodies are written, never read", input);
    }

    @Override
    protected Long getContentLength(JsonBody body, MediaType contentType) {
        long length = body.contentLength();
        return length < 0 ? null : length;
    }

    @Override
    protected void writeInternal(JsonBody body, HttpOutputMessage output) throws IOException {
        body.writeTo(output.getBody());
    }
}
