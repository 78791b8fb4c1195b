package io.vigil.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What is well-formed Unicode, and how each way of not being it is described. */
class UnicodeTest {

    @Example
    void isNoncharacter_holdsForExactlyThe66Noncharacters() {
        long count = IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
                .filter(Unicode::isNoncharacter)
                .count();
        assertThat(count).isEqualTo(66);
        assertThat(Unicode.isNoncharacter(0xFDD0)).isTrue();
        assertThat(Unicode.isNoncharacter(0xFDEF)).isTrue();
        assertThat(Unicode.isNoncharacter(0xFFFE)).isTrue();
        assertThat(Unicode.isNoncharacter(0x10FFFF)).isTrue();
        assertThat(Unicode.isNoncharacter(0xFDCF)).isFalse();
        assertThat(Unicode.isNoncharacter(0xFFFD)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a\\ud800b         | a lone surrogate \\ud800 at character 2
            \\udc00           | a lone surrogate \\udc00 at character 1
            \\ud83d\\ude00\\ud83d | a lone surrogate \\ud83d at character 2
            ab\\ude00\\ud83d  | a lone surrogate \\ude00 at character 3
            x\\ufffe          | the noncharacter U+FFFE at character 2
            \\ufdd0           | the noncharacter U+FDD0 at character 1
            \\ud83d\\ude00\\ud83f\\udfff | the noncharacter U+1FFFF at character 2
            \\udbff\\udffe    | the noncharacter U+10FFFE at character 1
            """)
    void problem_namesTheFirstBadCharacterAndWhere(String escaped, String problem) {
        assertThat(Unicode.problem(unescape(escaped))).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            61 C3 28                | invalid UTF-8 at byte 2 (0xC3 0x28: a sequence cut short)
            C0 80                   | invalid UTF-8 at byte 1 (0xC0 0x80: an overlong encoding)
            61 E0 80 AF             | invalid UTF-8 at byte 2 (0xE0 0x80 0xAF: an overlong encoding)
            F0 80 80 AF             | invalid UTF-8 at byte 1 (0xF0 0x80 0x80 0xAF: an overlong encoding)
            ED A0 80                | invalid UTF-8 at byte 1 (0xED 0xA0 0x80: an encoded surrogate)
            F4 90 80 80             | invalid UTF-8 at byte 1 (0xF4 0x90 0x80 0x80: a code point above U+10FFFF)
            F5 80 80 80             | invalid UTF-8 at byte 1 (0xF5 0x80 0x80 0x80: a code point above U+10FFFF)
            FF                      | invalid UTF-8 at byte 1 (0xFF: a byte that UTF-8 never uses)
            61 62 80                | invalid UTF-8 at byte 3 (0x80: a continuation byte without a lead byte)
            E2 82                   | invalid UTF-8 at byte 1 (0xE2 0x82: a sequence cut short)
            EF BF BF                | the noncharacter U+FFFF at character 1
            F0 9F BF BE             | the noncharacter U+1FFFE at character 1
            """)
    void decode_refusesEveryIllFormedInput_sayingWhatAndWhere(String hex, String problem) {
        assertThatThrownBy(() -> Unicode.decode(bytes(hex), IllegalArgumentException::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(problem);
    }

    @Example
    void decode_wellFormedText_isReturnedExactly() {
        String text = "é € \uD83D\uDE00 \uFFFD \u0000";
        assertThat(Unicode.decode(text.getBytes(StandardCharsets.UTF_8), IllegalArgumentException::new))
                .isEqualTo(text);
    }

    /** The property: decoding accepts exactly what the JDK's strict decoder accepts and has no noncharacter. */
    @Property(tries = 3000)
    void decode_anyBytes_agreesWithTheJdksStrictDecoder(@ForAll("utf8ish") byte[] bytes) {
        String strict;
        try {
            strict = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            strict = null;
        }
        boolean wellFormed = strict != null && strict.codePoints().noneMatch(Unicode::isNoncharacter);
        Unicode.Decoded decoded = Unicode.decode(bytes, 0, bytes.length);
        assertThat(decoded.malformed().isEmpty()).isEqualTo(strict != null);
        if (strict != null) {
            assertThat(decoded.text()).isEqualTo(strict);
            assertThat(Unicode.problem(decoded.text()) == null).isEqualTo(wellFormed);
        } else {
            assertThat(decoded.malformed().get(0).problem(null)).startsWith("invalid UTF-8 at byte ");
        }
    }

    /** Any string of Java chars: problem() is null exactly when it is scalar values and no noncharacters. */
    @Property(tries = 3000)
    void problem_anyChars_isNullExactlyForWellFormedText(@ForAll("chars") String text) {
        boolean scalarValues = text.codePoints().noneMatch(c -> Character.isSurrogate((char) c) && c <= 0xFFFF);
        boolean wellFormed = scalarValues && text.codePoints().noneMatch(Unicode::isNoncharacter);
        assertThat(Unicode.problem(text) == null).as(text).isEqualTo(wellFormed);
        if (wellFormed) {
            assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .isEqualTo(text);
        }
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<byte[]> pieces = Arbitraries.of(
                new byte[] {'a'},
                new byte[] {(byte) 0xC3, (byte) 0xA9},
                new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC},
                new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
                new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBF},
                new byte[] {(byte) 0xEF, (byte) 0xB7, (byte) 0x90},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC3});
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(12);
        return Arbitraries.oneOf(pieces.list().ofMaxSize(8).map(UnicodeTest::concat), random);
    }

    @Provide
    Arbitrary<String> chars() {
        return Arbitraries.strings()
                .withChars('a', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFE', '\uFFFF', '\uFDD0', '\uFDEF', 'é')
                .withCharRange('\uD83C', '\uD83F')
                .withCharRange('\uDFFE', '\uDFFF')
                .ofMaxLength(8);
    }

    private static byte[] concat(java.util.List<byte[]> pieces) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static byte[] bytes(String hex) {
        String[] parts = hex.strip().split(" +", -1);
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }

    /** {@code \\uXXXX} escapes to chars, so that lone surrogates can be written in a CSV source. */
    static String unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            if (escaped.startsWith("\\u", i)) {
                out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(escaped.charAt(i));
            }
        }
        return out.toString();
    }
}
