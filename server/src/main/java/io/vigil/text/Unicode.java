package io.vigil.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Well-formed Unicode, as every string Vigil accepts must be (I-JSON, RFC 7493 §2.1): Unicode scalar values
 * only, so no lone surrogate, whether escaped in JSON ({@code \ud800}) or encoded in UTF-8 ({@code ED A0 80});
 * none of the 66 noncharacters (U+FDD0–U+FDEF and the last two code points of each of the 17 planes); and,
 * on the wire, valid UTF-8 only (no overlong form, no encoded surrogate, nothing above U+10FFFF).
 *
 * <p>Problems are described for messages, counting from 1: {@code a lone surrogate \ud800 at character 2}
 * (characters are code points), {@code invalid UTF-8 at byte 3 (0xC0 0x80: an overlong encoding)}.
 * Stateless and thread-safe.
 */
public final class Unicode {
    private Unicode() {}

    /**
     * One ill-formed byte sequence met while decoding: where it is in the bytes (from 0) and in the decoded
     * text, and what it is, e.g. {@code (0xC0 0x80: an overlong encoding)}.
     */
    record Malformed(int byteIndex, int charIndex, String what) {
        /** {@code invalid UTF-8 at byte 3 of the line (0xC0 0x80: an overlong encoding)}; {@code of} may be null. */
        String problem(@Nullable String of) {
            return "invalid UTF-8 at byte " + (byteIndex + 1) + (of == null ? "" : " of the " + of) + " " + what;
        }
    }

    /** Decoded text with U+FFFD for each ill-formed byte sequence, and those sequences, first to last. */
    record Decoded(String text, List<Malformed> malformed) {}

    /** Whether {@code codePoint} is one of the 66 noncharacters. */
    public static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    /**
     * The first reason {@code text} is not well-formed — {@code a lone surrogate \ud800 at character 2} or
     * {@code the noncharacter U+FFFE at character 2} — or {@code null} if it is.
     */
    public static @Nullable String problem(CharSequence text) {
        int length = text.length();
        int character = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            character++;
            if (c < 0xD800) {
                continue; // the common case: nothing below U+D800 is a surrogate or a noncharacter
            }
            int codePoint = c;
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                codePoint = Character.toCodePoint(c, text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                return String.format(Locale.ROOT, "a lone surrogate \\u%04x at character %d", (int) c, character);
            }
            if (isNoncharacter(codePoint)) {
                return String.format(Locale.ROOT, "the noncharacter U+%04X at character %d", codePoint, character);
            }
        }
        return null;
    }

    /**
     * The text of {@code utf8}, which must be valid UTF-8 and well-formed Unicode.
     *
     * @param refusal makes the exception to throw from the problem, e.g. {@code invalid UTF-8 at byte 1 (…)}
     */
    public static String decode(byte[] utf8, Function<String, ? extends RuntimeException> refusal) {
        Decoded decoded = decode(utf8, 0, utf8.length);
        if (!decoded.malformed().isEmpty()) {
            throw refusal.apply(decoded.malformed().get(0).problem(null));
        }
        String problem = problem(decoded.text());
        if (problem != null) {
            throw refusal.apply(problem);
        }
        return decoded.text();
    }

    /**
     * Decodes {@code bytes[from, to)} as UTF-8, strictly: each ill-formed sequence becomes one U+FFFD and is
     * listed. Noncharacters and well-formedness of the text are not checked here.
     */
    static Decoded decode(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        // UTF-8 never decodes to more chars than it has bytes, and each U+FFFD stands for at least one byte.
        CharBuffer out = CharBuffer.allocate(to - from);
        List<Malformed> malformed = List.of();
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                decoder.flush(out);
                break;
            }
            if (!result.isError()) {
                throw new IllegalStateException("decoding UTF-8 into a buffer as long as its input: " + result);
            }
            int at = in.position();
            if (malformed.isEmpty()) {
                malformed = new ArrayList<>();
            }
            malformed.add(new Malformed(at - from, out.position(), describe(bytes, at, to)));
            out.put('\uFFFD');
            in.position(at + result.length());
        }
        return new Decoded(out.flip().toString(), malformed);
    }

    /** What is wrong with the UTF-8 sequence starting at {@code at}, which the decoder refused. */
    private static String describe(byte[] bytes, int at, int to) {
        int lead = bytes[at] & 0xFF;
        int next = at + 1 < to ? bytes[at + 1] & 0xFF : -1;
        int expected = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
        String what;
        if (lead >= 0x80 && lead < 0xC0) {
            what = "a continuation byte without a lead byte";
        } else if (lead == 0xC0
                || lead == 0xC1
                || (lead == 0xE0 && next >= 0x80 && next < 0xA0)
                || (lead == 0xF0 && next >= 0x80 && next < 0x90)) {
            what = "an overlong encoding";
        } else if (lead == 0xED && next >= 0xA0 && next < 0xC0) {
            what = "an encoded surrogate";
        } else if ((lead == 0xF4 && next >= 0x90 && next < 0xC0) || (lead >= 0xF5 && lead < 0xF8)) {
            what = "a code point above U+10FFFF";
        } else if (lead >= 0xF8) {
            what = "a byte that UTF-8 never uses";
        } else {
            what = "a sequence cut short";
        }
        StringBuilder shown = new StringBuilder();
        for (int i = at; i < Math.min(to, at + expected); i++) {
            if (i > at && (bytes[i] & 0xC0) != 0x80) {
                shown.append(String.format(Locale.ROOT, " 0x%02X", bytes[i] & 0xFF));
                break; // the byte that cut the sequence short, then stop
            }
            shown.append(String.format(Locale.ROOT, i == at ? "0x%02X" : " 0x%02X", bytes[i] & 0xFF));
        }
        return "(" + shown + ": " + what + ")";
    }
}
