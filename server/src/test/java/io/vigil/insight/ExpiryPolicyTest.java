package io.vigil.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpiryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final ExpiryPolicy policy =
            new ExpiryPolicy(Duration.ofDays(365), Map.of()).requiring(Classification.ACCEPT_RISK, Duration.ofDays(90));

    @Test
    void anExpiryInTheFuture_withinTheHorizon_passes() {
        assertThatCode(() -> policy.check(Classification.OTHER, NOW.plus(Duration.ofDays(365)), NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.check(Classification.OTHER, null, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(Classification.ACCEPT_RISK, NOW.plus(Duration.ofDays(90)), NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void now_orThePast_isOutOfRange() {
        assertThatThrownBy(() -> policy.check(Classification.OTHER, NOW, NOW))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXPIRY_OUT_OF_RANGE));
    }

    @Test
    void beyondTheHorizon_orTheRule_isOutOfRange_namingWhichLimit() {
        assertThatThrownBy(() -> policy.check(Classification.OTHER, NOW.plus(Duration.ofDays(366)), NOW))
                .hasMessageContaining("at most 365d ahead (--max-expiry)");
        assertThatThrownBy(() -> policy.check(Classification.ACCEPT_RISK, NOW.plus(Duration.ofDays(91)), NOW))
                .hasMessageContaining("at most 90d ahead (policy --require-expiry accept_risk=90d)");
    }

    @Test
    void aRequiredExpiry_thatIsMissing_isRefusedNamingThePolicy() {
        assertThatThrownBy(() -> policy.check(Classification.ACCEPT_RISK, null, NOW))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EXPIRY_REQUIRED))
                .hasMessage("this server requires 'accept_risk' to expire within 90d (policy --require-expiry"
                        + " accept_risk=90d): send expires_on");
    }

    @Test
    void durations_areSpelledAsTheOptionsSpellThem() {
        assertThat(ExpiryPolicy.days(Duration.ofDays(90))).isEqualTo("90d");
        assertThat(ExpiryPolicy.days(Duration.ofHours(36))).isEqualTo("PT36H");
    }
}
