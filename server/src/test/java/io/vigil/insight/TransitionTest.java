package io.vigil.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.error.ApiException;
import io.vigil.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classification state machine, every (current, requested, rationale) combination. */
class TransitionTest {

    /**
     * The whole table, written out rather than derived: current and requested are a classification or
     * {@code null}; the rationale is absent, blank or present. Outcomes: {@code UNCHANGED} (200, nothing
     * recorded), {@code CHANGE}, {@code REFUSED} (409 1200), {@code NEEDS_RATIONALE} (400 1004).
     */
    @ParameterizedTest(name = "{0} -> {1} with {2} rationale: {3}")
    @CsvSource(nullValues = "null", textBlock = """
            null,           null,           absent,  UNCHANGED
            null,           null,           blank,   UNCHANGED
            null,           null,           present, UNCHANGED
            null,           FALSE_POSITIVE, absent,  CHANGE
            null,           FALSE_POSITIVE, blank,   CHANGE
            null,           FALSE_POSITIVE, present, CHANGE
            null,           ACCEPT_RISK,    absent,  NEEDS_RATIONALE
            null,           ACCEPT_RISK,    blank,   NEEDS_RATIONALE
            null,           ACCEPT_RISK,    present, CHANGE
            null,           OTHER,          absent,  NEEDS_RATIONALE
            null,           OTHER,          blank,   NEEDS_RATIONALE
            null,           OTHER,          present, CHANGE
            FALSE_POSITIVE, null,           absent,  CHANGE
            FALSE_POSITIVE, null,           blank,   CHANGE
            FALSE_POSITIVE, null,           present, CHANGE
            FALSE_POSITIVE, FALSE_POSITIVE, absent,  UNCHANGED
            FALSE_POSITIVE, FALSE_POSITIVE, blank,   UNCHANGED
            FALSE_POSITIVE, FALSE_POSITIVE, present, UNCHANGED
            FALSE_POSITIVE, ACCEPT_RISK,    absent,  NEEDS_RATIONALE
            FALSE_POSITIVE, ACCEPT_RISK,    blank,   NEEDS_RATIONALE
            FALSE_POSITIVE, ACCEPT_RISK,    present, REFUSED
            FALSE_POSITIVE, OTHER,          absent,  NEEDS_RATIONALE
            FALSE_POSITIVE, OTHER,          blank,   NEEDS_RATIONALE
            FALSE_POSITIVE, OTHER,          present, REFUSED
            ACCEPT_RISK,    null,           absent,  CHANGE
            ACCEPT_RISK,    null,           blank,   CHANGE
            ACCEPT_RISK,    null,           present, CHANGE
            ACCEPT_RISK,    FALSE_POSITIVE, absent,  REFUSED
            ACCEPT_RISK,    FALSE_POSITIVE, blank,   REFUSED
            ACCEPT_RISK,    FALSE_POSITIVE, present, REFUSED
            ACCEPT_RISK,    ACCEPT_RISK,    absent,  NEEDS_RATIONALE
            ACCEPT_RISK,    ACCEPT_RISK,    blank,   NEEDS_RATIONALE
            ACCEPT_RISK,    ACCEPT_RISK,    present, UNCHANGED
            ACCEPT_RISK,    OTHER,          absent,  NEEDS_RATIONALE
            ACCEPT_RISK,    OTHER,          blank,   NEEDS_RATIONALE
            ACCEPT_RISK,    OTHER,          present, REFUSED
            OTHER,          null,           absent,  CHANGE
            OTHER,          null,           blank,   CHANGE
            OTHER,          null,           present, CHANGE
            OTHER,          FALSE_POSITIVE, absent,  REFUSED
            OTHER,          FALSE_POSITIVE, blank,   REFUSED
            OTHER,          FALSE_POSITIVE, present, REFUSED
            OTHER,          ACCEPT_RISK,    absent,  NEEDS_RATIONALE
            OTHER,          ACCEPT_RISK,    blank,   NEEDS_RATIONALE
            OTHER,          ACCEPT_RISK,    present, REFUSED
            OTHER,          OTHER,          absent,  NEEDS_RATIONALE
            OTHER,          OTHER,          blank,   NEEDS_RATIONALE
            OTHER,          OTHER,          present, UNCHANGED
            """)
    void decide_everyCombination_matchesTheTable(
            Classification current, Classification requested, String rationaleKind, String outcome) {
        String rationale = switch (rationaleKind) {
            case "absent" -> null;
            case "blank" -> "  \t";
            default -> "tracked in SEC-42";
        };
        switch (outcome) {
            case "NEEDS_RATIONALE" ->
                assertThatThrownBy(() -> new ClassificationRequest(requested, rationale))
                        .isInstanceOf(ApiException.class)
                        .extracting(e -> ((ApiException) e).code())
                        .isEqualTo(ErrorCode.RATIONALE_REQUIRED);
            case "REFUSED" -> {
                ClassificationRequest request = new ClassificationRequest(requested, rationale);
                assertThatThrownBy(() -> Transition.decide(current, request))
                        .isInstanceOf(ApiException.class)
                        .hasMessage("classification is '" + current.wireName() + "'; reset it to null before setting '"
                                + requested.wireName() + "'")
                        .extracting(e -> ((ApiException) e).code())
                        .isEqualTo(ErrorCode.CLASSIFICATION_CHANGE_REFUSED);
            }
            case "UNCHANGED" ->
                assertThat(Transition.decide(current, new ClassificationRequest(requested, rationale)))
                        .isEqualTo(new Transition.Unchanged());
            case "CHANGE" ->
                assertThat(Transition.decide(current, new ClassificationRequest(requested, rationale)))
                        .isEqualTo(new Transition.Change(current, requested, rationale));
            default -> throw new IllegalArgumentException(outcome);
        }
    }

    @Test
    void classificationRequest_rationaleOverLimit_isRejectedWithItsLength() {
        String rationale = "x".repeat(ClassificationRequest.MAX_RATIONALE_LENGTH + 1);
        assertThatThrownBy(() -> new ClassificationRequest(Classification.OTHER, rationale))
                .hasMessage("rationale is 4097 characters long; the limit is 4096")
                .extracting(e -> ((ApiException) e).pointer())
                .isEqualTo("/rationale");
    }

    @Test
    void classificationRequest_rationaleAtLimitCountedInCodePoints_isAccepted() {
        String rationale = "🛡".repeat(ClassificationRequest.MAX_RATIONALE_LENGTH); // 2 chars each in UTF-16
        assertThat(new ClassificationRequest(Classification.OTHER, rationale).rationale())
                .isEqualTo(rationale);
    }

    @Test
    void classificationRequest_controlCharacterInRationale_isRejected() {
        assertThatThrownBy(() -> new ClassificationRequest(Classification.OTHER, "ok\u0000no"))
                .hasMessage("rationale must not contain control characters; found U+0000");
    }

    @Test
    void classificationRequest_newlinesAndTabsInRationale_areAccepted() {
        assertThat(new ClassificationRequest(Classification.OTHER, "line one\n\tline two\r\n").rationale())
                .contains("line two");
    }
}
