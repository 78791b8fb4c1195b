package io.vigil.http;

import io.vigil.error.InvalidRequestException;
import io.vigil.text.Unicode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Strict percent-decoding (RFC 3986) of a path segment or a query name or value, the one decoder of the
 * router and the query parser: the bytes, escaped or raw, must be UTF-8 and their text well-formed
 * {@link Unicode}. The JDK server hands over the request target one char per byte (ISO-8859-1), so a raw
 * non-ASCII char is taken as the byte it was.
 */
final class PercentDecoding {
    private PercentDecoding() {}

    /**
     * The text of {@code raw}.
     *
     * @param plusIsSpace whether {@code +} means a space (form encoding, in queries) or itself (in paths)
     * @param badEscape makes the exception to throw for a broken escape, from e.g. {@code '%G1' is not a
     *     percent-escape}
     * @param notUnicode makes the exception to throw for text that is not well-formed, from e.g. {@code invalid
     *     UTF-8 at byte 1 (0xC3 0x28: a sequence cut short)}
     */
    static String decode(
            String raw,
            boolean plusIsSpace,
            Function<String, InvalidRequestException> badEscape,
            Function<String, InvalidRequestException> notUnicode) {
        if (isPlainAscii(raw, plusIsSpace)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw badEscape.apply("'%" + Messages.quote(raw.substring(i + 1, Math.min(raw.length(), i + 3)))
                            + "' is not a percent-escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c <= 0xFF) {
                bytes.write(c);
            } else {
                // Not from the wire (which gives bytes), but from a caller holding text: keep it as text.
                int codePoint = raw.codePointAt(i);
                if (codePoint == c && Character.isSurrogate(c)) {
                    throw notUnicode.apply(String.valueOf(Unicode.problem(raw)));
                }
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        return Unicode.decode(bytes.toByteArray(), notUnicode);
    }

    private static boolean isPlainAscii(String raw, boolean plusIsSpace) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || c >= 0x80 || (c == '+' && plusIsSpace)) {
                return false;
            }
        }
        return true;
    }
}
