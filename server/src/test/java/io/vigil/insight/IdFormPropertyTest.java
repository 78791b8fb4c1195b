package io.vigil.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.tenant.Scope;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The id checks are hand-written loops (they run for every row read back from the database); these
 * regular expressions are the rules they replaced, and stay the reference.
 */
class IdFormPropertyTest {
    private static final Pattern INSIGHT_ID = Pattern.compile("(?!\\.+$)[A-Za-z0-9._:-]{1,128}");
    private static final Pattern CLOUDFLARE_ID = Pattern.compile("[0-9a-f]{32}");

    @Property(tries = 2000)
    void isValidId_agreesWithTheRegex(@ForAll("candidates") String id) {
        assertThat(Insight.isValidId(id))
                .as(id)
                .isEqualTo(INSIGHT_ID.matcher(id).matches());
    }

    @Property(tries = 2000)
    void isIdentifier_agreesWithTheRegex(@ForAll("hexish") String id) {
        boolean valid;
        try {
            new Scope.Account(id);
            valid = true;
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        assertThat(valid).as(id).isEqualTo(CLOUDFLARE_ID.matcher(id).matches());
    }

    @Example
    void isValidId_edges() {
        assertThat(Insight.isValidId("")).isFalse();
        assertThat(Insight.isValidId("...")).isFalse();
        assertThat(Insight.isValidId(".a.")).isTrue();
        assertThat(Insight.isValidId("a".repeat(128))).isTrue();
        assertThat(Insight.isValidId("a".repeat(129))).isFalse();
        assertThat(Insight.isValidId("é")).isFalse();
    }

    @Provide
    Arbitrary<String> candidates() {
        return Arbitraries.strings()
                .withChars("aZ09._:-/ é")
                .ofMinLength(0)
                .ofMaxLength(130)
                .edgeCases(e -> e.add("."));
    }

    @Provide
    Arbitrary<String> hexish() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars("0123456789abcdef")
                        .ofMinLength(30)
                        .ofMaxLength(34),
                Arbitraries.strings().withChars("0af9AFg").ofLength(32));
    }
}
