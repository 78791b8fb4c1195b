package io.vigil.junit;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditPage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of Vigil's change log: one field of one insight changed by one actor.
 *
 * @param actor who made the change, as the API names them: a token's name ({@link Vigil#EDIT_TOKEN_NAME} for the
 *     edit token), a user's email, or {@code system} for the scanner and expiry
 * @param field the field changed, as the change log spells it: {@code user_classification}, {@code status}, {@code
 *     dismissed} or {@code classification_expires_on}
 * @param oldValue the value before, {@code null} if it was unset
 * @param newValue the value after, {@code null} if it was cleared (a classification reset)
 * @param rationale the rationale given with a classification, if any
 */
public record Change(
        String actor,
        String insightId,
        String accountId,
        @Nullable String zoneId,
        String field,
        @Nullable String oldValue,
        @Nullable String newValue,
        @Nullable String rationale,
        Instant at) {

    static Change of(AuditPage.Item item) {
        AuditEntry e = item.entry();
        return new Change(
                item.changedByName(),
                e.issueId(),
                e.accountId(),
                e.zoneId(),
                e.fieldChanged().wireName(),
                e.previousValue(),
                e.currentValue(),
                e.rationale(),
                e.changedAt());
    }
}
