package io.vigil.insight;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.UuidV7;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A dismissal ({@code dismissed} true) or restore of one insight, on behalf of {@code actor}: the dismissal rule,
 * beside {@link Transition}. Either way is allowed from the other; asking for the state the insight is in
 * changes nothing and records nothing.
 *
 * @param insight the insight as read in the transaction that applies this
 */
public record Dismissal(Insight insight, boolean dismissed, String actor) {
    public Dismissal {
        if (insight.dismissed() == dismissed) {
            throw new IllegalArgumentException("a dismissal must change something: " + insight.id());
        }
    }

    /** The dismissal that makes {@code insight}'s state {@code dismissed}, or {@code null} if it is already. */
    public static @Nullable Dismissal decide(Insight insight, boolean dismissed, String actor) {
        return insight.dismissed() == dismissed ? null : new Dismissal(insight, dismissed, actor);
    }

    /**
     * The change-log entry recording this dismissal (field {@code dismissed}, which Cloudflare's audit-log routes
     * do not show), with id {@code id} and that id's time.
     */
    public AuditEntry entry(UUID id) {
        return new AuditEntry(
                id,
                insight.id(),
                insight.accountId(),
                insight.zoneId(),
                AuditField.DISMISSED,
                String.valueOf(insight.dismissed()),
                String.valueOf(dismissed),
                null,
                actor,
                UuidV7.instant(id));
    }
}
