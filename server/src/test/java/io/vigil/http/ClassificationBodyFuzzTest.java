package io.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.error.InvalidRequestException;
import io.vigil.insight.ClassificationRequest;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any bytes either parse into a valid request or are refused with a 4xx; nothing else can happen. */
class ClassificationBodyFuzzTest {

    @Property(tries = 2000)
    void parse_anyBytes_yieldsARequestOrA400(@ForAll byte[] body) {
        assertParsesOrRefuses(body);
    }

    @Property(tries = 3000)
    void parse_jsonLikeText_yieldsARequestOrA400(@ForAll("jsonish") String body) {
        assertParsesOrRefuses(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Found by the fuzzer: Jackson took these bytes for UCS-4 and threw a non-parse IOException (a 500). */
    @net.jqwik.api.Example
    void parse_bytesThatLookLikeUcs4_isMalformedJsonNotAnInternalError() {
        assertParsesOrRefuses(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, 0, 0, 0, 0x7B});
        assertParsesOrRefuses(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 0x7B, 0, 0x7D});
    }

    /**
     * Issue 21: a rationale is stored as sent or refused. Any string of chars, every one sent as a JSON escape (so
     * that lone surrogates can be sent): it parses to exactly that string when it is well-formed Unicode, and is
     * a 400 1014 when it is not.
     */
    @Property(tries = 3000)
    void parse_anyEscapedRationale_isExactlyWhatWasSentOrA1014(@ForAll("rationales") String rationale) {
        StringBuilder escaped = new StringBuilder();
        rationale.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
        byte[] body =
                ("{\"classification\":\"other\",\"rationale\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8);
        String problem = io.vigil.text.Unicode.problem(rationale);
        if (problem == null) {
            assertThat(ClassificationBody.parse(body).rationale()).isEqualTo(rationale);
        } else {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClassificationBody.parse(body))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.code()).isEqualTo(io.vigil.error.ErrorCode.MALFORMED_UNICODE);
                        assertThat(e.pointer()).isEqualTo("/rationale");
                        assertThat(e).hasMessage("rationale is not well-formed Unicode: " + problem);
                    });
        }
    }

    @Provide
    Arbitrary<String> rationales() {
        return Arbitraries.strings()
                .withChars('r', ' ', '\u00e9', '\uFFFD', '\uFFFE', '\uFFFF', '\uFDD0', '\uFDEF')
                .withCharRange('\uD800', '\uD801')
                .withCharRange('\uD83C', '\uD83F')
                .withCharRange('\uDBFF', '\uDC01')
                .withCharRange('\uDFFE', '\uDFFF')
                .ofMinLength(1)
                .ofMaxLength(10)
                .filter(s -> !s.isBlank());
    }

    private static void assertParsesOrRefuses(byte[] body) {
        try {
            ClassificationRequest request = ClassificationBody.parse(body);
            assertThat(request).isNotNull();
        } catch (InvalidRequestException e) {
            assertThat(e.code().status()).isBetween(400, 499);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> tokens = Arbitraries.of(
                "{",
                "}",
                "[",
                "]",
                ":",
                ",",
                "\"classification\"",
                "\"rationale\"",
                "\"false_positive\"",
                "\"accept_risk\"",
                "\"other\"",
                "null",
                "true",
                "1e999",
                "-0",
                "\"\\u0000\"",
                "\"x\"",
                " ",
                "\"",
                "\\",
                "\"\\ud800\"");
        return tokens.list().ofMaxSize(12).map(parts -> String.join("", parts));
    }
}
