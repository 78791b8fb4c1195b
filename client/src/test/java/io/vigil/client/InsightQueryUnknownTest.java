package io.vigil.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Regression (found porting compat/test/list.test.js): {@link Severity#UNKNOWN} and {@link IssueType#UNKNOWN}, which
 * are documented as never sent, went out as {@code severity=unknown}, and the server answered 400 1010.
 */
class InsightQueryUnknownTest {
    @Test
    void query_unknownSeverityOrType_isRefusedBeforeAnyRequest() {
        assertThatThrownBy(
                        () -> InsightQuery.builder().severity(Severity.UNKNOWN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("severity must not hold UNKNOWN: it is read from newer servers and is never sent");
        assertThatThrownBy(() ->
                        InsightQuery.builder().severityNot(Severity.UNKNOWN).build())
                .hasMessageStartingWith("severityNot must not hold UNKNOWN");
        assertThatThrownBy(() ->
                        InsightQuery.builder().issueType(IssueType.UNKNOWN).build())
                .hasMessageStartingWith("issueType must not hold UNKNOWN");
        assertThatThrownBy(() ->
                        InsightQuery.builder().issueTypeNot(IssueType.UNKNOWN).build())
                .hasMessageStartingWith("issueTypeNot must not hold UNKNOWN");
    }
}
