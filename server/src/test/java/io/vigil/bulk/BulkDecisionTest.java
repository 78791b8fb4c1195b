package io.vigil.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.error.ConflictException;
import io.vigil.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each insight of a bulk decided by the rule of one at a time; the whole applicable only if none is refused. */
class BulkDecisionTest {
    @Test
    void decide_missingChangedUnchangedAndRefused_eachItsOutcome_andNothingApplicable() {
        BulkDecision<String> decision = BulkDecision.decide(
                "test",
                List.of("b", "gone", "a", "c"),
                Map.of("a", "same", "b", "differs", "c", "refuse"),
                state -> state,
                state -> switch (state) {
                    case "same" -> null;
                    case "refuse" -> throw new ConflictException(ErrorCode.CLASSIFICATION_CHANGE_REFUSED, "no");
                    default -> "change " + state;
                },
                null);
        assertThat(decision.decided().items())
                .extracting(BulkOutcome.Item::issueId, BulkOutcome.Item::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("b", BulkOutcome.Kind.CHANGE),
                        org.assertj.core.groups.Tuple.tuple("gone", BulkOutcome.Kind.REFUSED),
                        org.assertj.core.groups.Tuple.tuple("a", BulkOutcome.Kind.UNCHANGED),
                        org.assertj.core.groups.Tuple.tuple("c", BulkOutcome.Kind.REFUSED));
        assertThat(decision.decided().items().get(1).refusal()).hasMessage("insight 'gone' not found");
        assertThat(decision.changes()).containsOnlyKeys("b");
        assertThat(decision.refused()).isTrue();
        assertThat(decision.applicable()).isFalse();
    }

    @Test
    void decide_withAStaleToken_holdsNoPrecondition() {
        BulkDecision<String> fresh =
                BulkDecision.decide("test", List.of("a"), Map.of("a", "x"), s -> s, s -> "change", null);
        assertThat(fresh.applicable()).isTrue();
        String token = fresh.decided().statesToken();
        assertThat(BulkDecision.decide("test", List.of("a"), Map.of("a", "x"), s -> s, s -> "change", token)
                        .applicable())
                .isTrue();
        BulkDecision<String> stale =
                BulkDecision.decide("test", List.of("a"), Map.of("a", "y"), s -> s, s -> "change", token);
        assertThat(stale.decided().preconditionHeld()).isFalse();
        assertThat(stale.applicable()).isFalse();
    }
}
