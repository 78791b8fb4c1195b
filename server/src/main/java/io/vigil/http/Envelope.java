package io.vigil.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import io.vigil.error.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Renders Cloudflare's v4 response envelope. */
final class Envelope {
    /**
     * Jackson's default keeps its parse and render buffers per thread; every request has a new virtual
     * thread, so they would be allocated (16 KiB and more) for every body parsed and every answer rendered.
     * A shared pool reuses them.
     */
    static final JsonFactory JSON = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newBoundedPool(256))
            .build();

    /** Exactly the seed's success shape: {@code errors}, {@code messages}, {@code success}, no result. */
    static final byte[] SUCCESS = "{\"errors\":[],\"messages\":[],\"success\":true}".getBytes(StandardCharsets.UTF_8);

    /** Writes JSON: a whole value, or the fields of an object. */
    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    /** One entry of the envelope's informational list. */
    record Message(int code, String message) {}

    private Envelope() {}

    /** {@code {"result": …, "success": true, "errors": [], "messages": […]}}; {@code result} writes a value. */
    static byte[] success(Fields result, Message... messages) {
        return success(result, null, messages);
    }

    /** As {@link #success(Fields, Message...)}, with a {@code result_info} object whose fields are given. */
    static byte[] success(Fields result, @Nullable Fields resultInfo, Message... messages) {
        return render(json -> {
            json.writeFieldName("result");
            result.write(json);
            if (resultInfo != null) {
                json.writeObjectFieldStart("result_info");
                resultInfo.write(json);
                json.writeEndObject();
            }
            json.writeBooleanField("success", true);
            json.writeArrayFieldStart("errors");
            json.writeEndArray();
            json.writeArrayFieldStart("messages");
            for (Message m : messages) {
                json.writeStartObject();
                json.writeNumberField("code", m.code());
                json.writeStringField("message", m.message());
                json.writeNullField("type");
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** The error envelope for {@code e}: code, message, and {@code source.pointer}/{@code error_chain} if any. */
    static byte[] error(ApiException e) {
        return render(json -> {
            json.writeArrayFieldStart("errors");
            json.writeStartObject();
            json.writeNumberField("code", e.code().code());
            json.writeStringField("message", String.valueOf(e.getMessage()));
            if (e.pointer() != null) {
                json.writeObjectFieldStart("source");
                json.writeStringField("pointer", e.pointer());
                json.writeEndObject();
            }
            if (!e.chain().isEmpty()) {
                json.writeArrayFieldStart("error_chain");
                for (ApiException.Detail detail : e.chain()) {
                    json.writeStartObject();
                    json.writeNumberField("code", detail.code().code());
                    json.writeStringField("message", detail.message());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndArray();
            json.writeArrayFieldStart("messages");
            json.writeEndArray();
            json.writeBooleanField("success", false);
            json.writeNullField("result");
        });
    }

    private static byte[] render(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
