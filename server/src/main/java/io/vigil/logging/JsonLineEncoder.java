package io.vigil.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

/**
 * Writes each log event as one JSON object on one line: {@code time} (ISO-8601, UTC), {@code level}, {@code
 * logger}, {@code thread}, {@code message}, then the event's key-value pairs and MDC entries as fields of their
 * own (the access log's {@code request_id}, {@code method}, {@code route}, {@code status}, {@code duration_ms};
 * {@code request_id} on every line logged while a request is handled), and {@code error} with the stack trace
 * when there is one. Jackson escapes every control character, so a message can never break a line. Numbers
 * stay numbers. A field already written is not written again.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NONE = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(
                    "time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("message", event.getFormattedMessage());
            Set<String> written = new HashSet<>(List.of("time", "level", "logger", "thread", "message", "error"));
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            if (pairs != null) {
                for (KeyValuePair pair : pairs) {
                    if (written.add(pair.key)) {
                        field(json, pair.key, pair.value);
                    }
                }
            }
            for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
                if (written.add(entry.getKey())) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                json.writeStringField("error", ThrowableProxyUtil.asString(thrown));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a log event as JSON", e); // only a memory stream here
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void field(JsonGenerator json, String name, @Nullable Object value) throws IOException {
        switch (value) {
            case null -> json.writeNullField(name);
            case Integer number -> json.writeNumberField(name, number);
            case Long number -> json.writeNumberField(name, number);
            case Double number -> json.writeNumberField(name, number);
            case Boolean flag -> json.writeBooleanField(name, flag);
            default -> json.writeStringField(name, value.toString());
        }
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }
}
