package io.vigil.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A query string in the order its parameters were added. An array is sent as the official SDK sends it, by
 * repeating the key ({@code severity=low&severity=critical}).
 */
final class Query {
    private final List<Map.Entry<String, String>> parameters = new ArrayList<>();

    Query add(String name, String value) {
        parameters.add(Map.entry(name, value));
        return this;
    }

    Query addAll(String name, List<String> values) {
        for (String value : values) {
            add(name, value);
        }
        return this;
    }

    boolean isEmpty() {
        return parameters.isEmpty();
    }

    /** {@code name=value&…}, each percent-encoded (RFC 3986: all but the unreserved characters). */
    String encoded() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> p : parameters) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encode(p.getKey())).append('=').append(encode(p.getValue()));
        }
        return out.toString();
    }

    /** {@code text} percent-encoded as a path segment or query component: every byte but the unreserved. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
