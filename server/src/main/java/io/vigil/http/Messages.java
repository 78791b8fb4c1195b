package io.vigil.http;

/** Safe echoes of client input inside error messages. */
final class Messages {
    private static final int MAX_ECHO = 64;

    private Messages() {}

    /** {@code value} cut to 64 characters with control characters escaped, for quoting in a message. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_ECHO).forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (value.codePointCount(0, value.length()) > MAX_ECHO) {
            out.append('…');
        }
        return out.toString();
    }
}
