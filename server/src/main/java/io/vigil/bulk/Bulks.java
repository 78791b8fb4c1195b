package io.vigil.bulk;

import io.vigil.audit.UuidV7;
import io.vigil.error.ApiException;
import io.vigil.error.ConflictException;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.ClassificationUpdate;
import io.vigil.insight.ExpiryPolicy;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.InsightIds;
import io.vigil.insight.InsightService;
import io.vigil.insight.InsightStore;
import io.vigil.tenant.Scope;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one entry point of a bulk change: chooses its insights, has the store decide and apply it all or nothing
 * by the rules of one at a time, and decides again when it loses a race. Thread-safe.
 */
public final class Bulks {
    private final InsightStore insights;
    private final BulkStore store;
    private final ExpiryPolicy expiry;
    private final InstantSource clock;
    private final Supplier<UUID> bulkIds;

    /** Bulks with no expiry policy, on the system clock. */
    public Bulks(InsightStore insights, BulkStore store) {
        this(insights, store, ExpiryPolicy.NONE, InstantSource.system());
    }

    /** Bulks checking expiries against {@code expiry} at {@code clock}'s time. */
    public Bulks(InsightStore insights, BulkStore store, ExpiryPolicy expiry, InstantSource clock) {
        this.insights = insights;
        this.store = store;
        this.expiry = expiry;
        this.clock = clock;
        this.bulkIds = new UuidV7(clock, new SplittableRandom());
    }

    /**
     * Applies {@code request}'s change to every insight it names, all or nothing, on behalf of {@code actor};
     * or, for a dry run, only answers what would happen. Each insight follows the rules of {@link
     * InsightService#classify} or {@link InsightService#dismiss}.
     *
     * @throws ConflictException if any insight would be refused (then nothing changed; a dry run says which and
     *     why), if the insights changed since the preview named by {@code if_unchanged_since}, or if they kept
     *     changing under the request
     */
    public BulkOutcome changeAll(Scope scope, BulkRequest request, String actor) {
        List<String> ids = request.filter() == null ? request.ids() : chosen(scope, request.filter());
        for (int attempt = 0; attempt < InsightService.MAX_ATTEMPTS; attempt++) {
            UUID bulkId = request.dryRun() ? null : bulkIds.get();
            BulkOutcome.Decided decided = switch (request.change()) {
                case BulkChange.Classify classify ->
                    store.classifyAll(
                            scope,
                            ids,
                            insight -> ClassificationUpdate.decide(
                                    insight, classify.request(), actor, expiry, clock.instant()),
                            bulkId,
                            request.ifUnchangedSince());
                case BulkChange.Dismiss dismiss ->
                    store.dismissAll(scope, ids, dismiss.dismissed(), actor, bulkId, request.ifUnchangedSince());
            };
            if (decided == null) {
                continue; // decide again, on the new states
            }
            List<BulkOutcome.Item> items = decided.items();
            BulkOutcome outcome = new BulkOutcome(null, false, items, decided.statesToken());
            if (request.dryRun()) {
                return outcome;
            }
            if (!decided.preconditionHeld()) {
                throw new ConflictException(
                        ErrorCode.BULK_PRECONDITION_FAILED,
                        "some of these insights changed since the preview (if_unchanged_since); nothing changed:"
                                + " preview again");
            }
            long refused = outcome.count(BulkOutcome.Kind.REFUSED);
            if (refused > 0) {
                throw new ConflictException(ErrorCode.BULK_REFUSED, refusedMessage(outcome, refused));
            }
            UUID applied = outcome.count(BulkOutcome.Kind.CHANGE) == 0 ? null : bulkId;
            return new BulkOutcome(applied, true, items, decided.statesToken());
        }
        throw new ConflictException(
                ErrorCode.CONCURRENT_MODIFICATION,
                "the insights changed " + InsightService.MAX_ATTEMPTS + " times while this bulk was applied; retry");
    }

    /** The insights {@code filter} chooses, in the list's order; at most {@link BulkRequest#MAX_IDS}. */
    private List<String> chosen(Scope scope, InsightFilter filter) {
        InsightIds chosen = insights.ids(scope, filter, BulkRequest.MAX_IDS);
        if (chosen.totalCount() > BulkRequest.MAX_IDS) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "filter matches " + chosen.totalCount() + " insights; a bulk changes at most " + BulkRequest.MAX_IDS
                            + ": narrow the filter",
                    "/filter");
        }
        return chosen.ids();
    }

    private static String refusedMessage(BulkOutcome outcome, long refused) {
        StringBuilder message = new StringBuilder()
                .append(refused)
                .append(" of ")
                .append(outcome.items().size())
                .append(" insights would be refused, so nothing changed: ");
        int shown = 0;
        for (BulkOutcome.Item item : outcome.items()) {
            ApiException refusal = item.refusal();
            if (refusal == null) {
                continue;
            }
            if (shown == 3) {
                message.append("; … (a dry run lists every one)");
                break;
            }
            message.append(shown == 0 ? "" : "; ")
                    .append(item.issueId())
                    .append(": ")
                    .append(refusal.getMessage());
            shown++;
        }
        return message.toString();
    }
}
