package io.vigil.audit;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One page of audit entries, and whether more follow in the query's order. */
public record AuditPage(List<Item> items, boolean hasMore) {
    public AuditPage {
        items = List.copyOf(items);
    }

    /**
     * An entry as the API shows it, with what is looked up beside it when it is read.
     *
     * @param zoneNumber the numeric id of the entry's zone (Cloudflare's {@code zone_id}), for zone-level insights
     * @param changedByName who made the change in words a person knows: a token's name, a user's email, {@code
     *     system}; the {@code changed_by} itself when no name is known
     * @param bulkId the id of the bulk change the entry belongs to; {@code null} for a change made alone
     */
    public record Item(
            AuditEntry entry,
            @Nullable Long zoneNumber,
            String changedByName,
            @Nullable UUID bulkId) {
        public Item {
            Objects.requireNonNull(entry, "entry == null");
            Objects.requireNonNull(changedByName, "changedByName == null");
        }
    }
}
