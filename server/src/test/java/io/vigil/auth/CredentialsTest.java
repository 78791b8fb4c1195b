package io.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.error.InvalidRequestException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A bearer token is read by hand, not with the regex engine: it must accept exactly what the pattern does. */
class CredentialsTest {

    @Property(tries = 5000)
    void parse_bearer_acceptsExactlyTheTokensOfTheDocumentedForm(@ForAll("tokenish") String token) {
        boolean form = Credentials.TOKEN_FORM.matcher(token.strip()).matches();
        if (form) {
            assertThat(Credentials.parse("Bearer " + token, null, null))
                    .isEqualTo(new Credentials.Bearer(token.strip()));
        } else {
            assertThatThrownBy(() -> Credentials.parse("Bearer " + token, null, null))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("Invalid request headers");
        }
    }

    @Example
    void parse_bearer_atTheBoundsOfTheForm() {
        assertThat(Credentials.parse("Bearer " + "a".repeat(512) + "==", null, null))
                .isEqualTo(new Credentials.Bearer("a".repeat(512) + "=="));
        for (String refused : new String[] {"", "=", "a".repeat(513), "a=b", "a b", "ä", "a\u0000"}) {
            assertThatThrownBy(() -> Credentials.parse("Bearer " + refused, null, null))
                    .as("'%s'", refused)
                    .isInstanceOf(InvalidRequestException.class);
        }
    }

    /** Mostly token characters, with every other kind mixed in; lengths around the bound. */
    @Provide
    Arbitrary<String> tokenish() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.of("ABCXYZabcxyz0189._~+/-".toCharArray())),
                net.jqwik.api.Tuple.of(3, Arbitraries.just('=')),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(' ', '\t', '@', '%', ':', '"', 'é', '\u0000', '\u00ff')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars()));
        Arbitrary<String> nearTheBound = Arbitraries.strings()
                .withChars("ABCabc019._~+/-")
                .ofMinLength(505)
                .ofMaxLength(520)
                .flatMap(body ->
                        Arbitraries.strings().withChars('=').ofMaxLength(3).map(padding -> body + padding));
        return Arbitraries.oneOf(chars.list().ofMaxSize(60).map(CredentialsTest::join), nearTheBound);
    }

    private static String join(java.util.List<Character> chars) {
        StringBuilder out = new StringBuilder(chars.size());
        chars.forEach(out::append);
        return out.toString();
    }
}
