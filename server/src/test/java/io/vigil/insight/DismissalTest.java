package io.vigil.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.testing.Insights;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dismissal rule: a change only when the state differs, recorded with the field {@code dismissed}. */
class DismissalTest {
    private static final Insight ACTIVE = Insights.inAccount("i1", Insights.ACCOUNT);

    @Test
    void decide_sameState_isNoChange() {
        assertThat(Dismissal.decide(ACTIVE, false, "token:t")).isNull();
        assertThat(Dismissal.decide(Insights.withDismissed(ACTIVE, true), true, "token:t"))
                .isNull();
    }

    @Test
    void decide_otherState_isAChangeRecordedAsDismissed() {
        Dismissal dismissal = Dismissal.decide(ACTIVE, true, "token:t");
        assertThat(dismissal).isNotNull();
        AuditEntry entry = dismissal.entry(UUID.fromString("0192d4c0-0000-7000-8000-000000000001"));
        assertThat(entry.fieldChanged()).isEqualTo(AuditField.DISMISSED);
        assertThat(entry.previousValue()).isEqualTo("false");
        assertThat(entry.currentValue()).isEqualTo("true");
        assertThat(entry.changedBy()).isEqualTo("token:t");
        assertThat(entry.issueId()).isEqualTo("i1");
    }

    @Test
    void dismissal_thatChangesNothing_isRejected() {
        assertThatThrownBy(() -> new Dismissal(ACTIVE, false, "token:t")).isInstanceOf(IllegalArgumentException.class);
    }
}
