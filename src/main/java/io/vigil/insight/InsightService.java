package io.vigil.insight;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.UuidV7;
import io.vigil.error.ApiException;
import io.vigil.error.ConflictException;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.error.NotFoundException;
import io.vigil.tenant.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies insights: the store reads the current state in its writer, {@link Transition#decide} rules on
 * it, and the store applies the result as a compare-and-set. No Java lock is involved, so the same holds
 * across processes and nodes: if another writer got there first, the decision is taken again on the new
 * state. Thread-safe.
 */
public final class InsightService {
    /** How often a request re-decides after losing a race before it gives up with a 409. */
    static final int MAX_ATTEMPTS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(InsightService.class);

    private final InsightStore store;
    private final ExpiryPolicy expiry;
    private final InstantSource clock;
    private final Supplier<UUID> bulkIds;
    /** Insights whose stored expiry no entry set, already reported. */
    private final Set<String> unrecordedExpiries = ConcurrentHashMap.newKeySet();

    /** A service with no expiry policy, on the system clock. */
    public InsightService(InsightStore store) {
        this(store, ExpiryPolicy.NONE, InstantSource.system());
    }

    /** A service checking expiries against {@code expiry} at {@code clock}'s time. */
    public InsightService(InsightStore store, ExpiryPolicy expiry, InstantSource clock) {
        this.store = store;
        this.expiry = expiry;
        this.clock = clock;
        this.bulkIds = new UuidV7(clock, new SplittableRandom());
    }

    /**
     * Applies {@code request} to the insight {@code issueId} in {@code scope} on behalf of {@code actor}.
     *
     * @throws NotFoundException if there is no such insight in the scope
     * @throws ConflictException if the request changes one classification directly into another
     */
    public void classify(Scope scope, String issueId, ClassificationRequest request, String actor) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            switch (store.classify(scope, issueId, insight -> update(insight, request, actor))) {
                case CHANGED, UNCHANGED -> {
                    return;
                }
                case NOT_FOUND -> throw notFound(issueId);
                case RACED -> {} // decide again, on the new state
            }
        }
        throw new ConflictException(
                ErrorCode.CONCURRENT_MODIFICATION,
                "insight '" + issueId + "' changed " + MAX_ATTEMPTS + " times while this request was applied; retry");
    }

    /**
     * What {@code request} does to {@code insight}: the compare-and-set with its audit entry, or {@code null}
     * if the insight already has the requested value.
     *
     * @throws ConflictException if the request changes one classification directly into another
     */
    private @Nullable ClassificationUpdate update(InsightState insight, ClassificationRequest request, String actor) {
        Instant expires = insight.classificationExpiresOn();
        Classification to = request.classification();
        Instant nextExpiry = switch (Transition.decide(insight.classification(), request)) {
            // the same classification again: a new expiry moves it; none keeps the one it has
            case Transition.Unchanged unchanged -> request.expiresOn() == null ? expires : request.expiresOn();
            case Transition.Change change -> request.expiresOn();
        };
        if (to == insight.classification() && Objects.equals(nextExpiry, expires)) {
            return null;
        }
        if (to != null) {
            expiry.check(to, nextExpiry, clock.instant());
        }
        return new ClassificationUpdate(
                insight.id(),
                insight.accountId(),
                insight.zoneId(),
                insight.classification(),
                to,
                request.rationale(),
                actor,
                expires,
                nextExpiry);
    }

    /**
     * Applies {@code request}'s change to every insight it names, all or nothing, on behalf of {@code actor};
     * or, for a dry run, only answers what would happen. Each insight follows the rules of {@link #classify} or
     * {@link #dismiss}.
     *
     * @throws ConflictException if any insight would be refused (then nothing changed; a dry run says which and
     *     why), if the insights changed since the preview named by {@code if_unchanged_since}, or if they kept
     *     changing under the request
     */
    public BulkOutcome changeAll(Scope scope, BulkRequest request, String actor) {
        List<String> ids = request.filter() == null ? request.ids() : chosen(scope, request.filter());
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            UUID bulkId = request.dryRun() ? null : bulkIds.get();
            BulkOutcome.Decided decided = switch (request.change()) {
                case BulkChange.Classify classify ->
                    store.classifyAll(
                            scope,
                            ids,
                            insight -> update(insight, classify.request(), actor),
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
                "the insights changed " + MAX_ATTEMPTS + " times while this bulk was applied; retry");
    }

    /** The insights {@code filter} chooses, in the list's order; at most {@link BulkRequest#MAX_IDS}. */
    private List<String> chosen(Scope scope, InsightFilter filter) {
        InsightIds chosen = store.ids(scope, filter, BulkRequest.MAX_IDS);
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

    /**
     * Resets to {@code null}, as {@code system}, up to {@code max} classifications whose expiry has passed;
     * returns how many. Each reset is a compare-and-set on the classification and its expiry, so of several
     * nodes expiring the same insight exactly one resets it, and a classification set or moved meanwhile is
     * left alone.
     */
    public int expireDue(int max) {
        Instant now = clock.instant();
        int reset = 0;
        for (InsightState due : store.dueForExpiry(now, max)) {
            if (!expiryRecorded(due)) {
                continue;
            }
            Scope scope = new Scope.Account(due.accountId());
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                ClassificationOutcome outcome = store.classify(scope, due.id(), insight -> expired(insight, now));
                if (outcome == ClassificationOutcome.CHANGED) {
                    reset++;
                }
                if (outcome != ClassificationOutcome.RACED) {
                    break;
                }
            }
        }
        return reset;
    }

    /**
     * Whether the newest change-log entry on {@code due}'s expiry set the one stored: an expiry written into the
     * database without an entry is never acted on (a reset by {@code system} would launder it into a
     * genuine-looking history). Refused ones are logged once each.
     */
    private boolean expiryRecorded(InsightState due) {
        Instant expires = due.classificationExpiresOn();
        String stored = expires == null ? "" : AuditField.instantValue(expires);
        Optional<String> recorded = store.recordedExpiry(due.id());
        if (recorded.isPresent() && recorded.get().equals(stored)) {
            return true;
        }
        if (unrecordedExpiries.add(due.id())) {
            LOG.error(
                    "insight {} has a classification expiry ({}) that no change-log entry set ({}): it was written"
                            + " into the database directly, and is not acted on; run 'vigil audit verify'",
                    due.id(),
                    stored,
                    recorded.map(value -> "the last entry set '" + value + "'").orElse("none ever set one"));
        }
        return false;
    }

    /** The reset of {@code insight}'s classification if its expiry has passed at {@code now}; else null. */
    private static @Nullable ClassificationUpdate expired(InsightState insight, Instant now) {
        Instant expires = insight.classificationExpiresOn();
        Classification classification = insight.classification();
        if (classification == null || expires == null || expires.isAfter(now)) {
            return null;
        }
        return new ClassificationUpdate(
                insight.id(),
                insight.accountId(),
                insight.zoneId(),
                classification,
                null,
                "classification '" + classification.wireName() + "' expired on " + AuditField.instantValue(expires),
                AuditEntry.SYSTEM,
                expires,
                null);
    }

    /**
     * A page of the insights in {@code scope} whose classification expires within {@code within} from now
     * (those already due but not yet reset included), soonest first.
     */
    public InsightPage expiring(Scope scope, Duration within, int page, int perPage) {
        return store.expiring(scope, clock.instant().plus(within), page, perPage);
    }

    /** A page of the insights in {@code scope} that pass {@code filter}, most recently seen first. */
    public InsightPage list(Scope scope, InsightFilter filter, int page, int perPage) {
        return store.list(scope, filter, page, perPage);
    }

    /** How many insights in {@code scope} pass {@code filter}, by each value of {@code field}. */
    public List<Count> count(Scope scope, InsightFilter filter, CountField field) {
        return store.count(scope, filter, field);
    }

    /**
     * Dismisses ({@code true}) or restores ({@code false}) an insight on behalf of {@code actor}; idempotent. A
     * change is recorded in the change log (not shown by Cloudflare's audit-log routes).
     *
     * @throws NotFoundException if there is no such insight in the scope
     */
    public void dismiss(Scope scope, String issueId, boolean dismissed, String actor) {
        if (!store.dismiss(scope, issueId, dismissed, actor)) {
            throw notFound(issueId);
        }
    }

    /**
     * The extended context of an insight, as a JSON object.
     *
     * @throws NotFoundException if there is no such insight in the scope, or it has no extended context
     */
    public String context(Scope scope, String issueId) {
        Insight insight = store.get(scope, issueId).orElseThrow(() -> notFound(issueId));
        String context = insight.contextJson();
        if (context == null) {
            throw new NotFoundException(
                    ErrorCode.CONTEXT_NOT_FOUND,
                    "insight '" + issueId + "' has no extended context (has_extended_context is false)");
        }
        return context;
    }

    /**
     * Imports insights from a scanner: upserts them, and records each status change as made by
     * {@code system}.
     */
    public void importInsights(List<Insight> insights) {
        store.upsert(insights);
    }

    /** The insight {@code issueId} in {@code scope}, if it is there. */
    public Optional<Insight> find(Scope scope, String issueId) {
        return store.get(scope, issueId);
    }

    /** Those of the insights {@code issueIds} that belong to the account {@code accountId}, by id: one read. */
    public Map<String, Insight> findAll(String accountId, Collection<String> issueIds) {
        return store.getAll(accountId, issueIds);
    }

    /**
     * The insight {@code issueId}, which must lie in {@code scope}.
     *
     * @throws NotFoundException if it does not
     */
    public InsightState require(Scope scope, String issueId) {
        return store.find(scope, issueId).orElseThrow(() -> notFound(issueId));
    }

    static NotFoundException notFound(String issueId) {
        return new NotFoundException(ErrorCode.INSIGHT_NOT_FOUND, "insight '" + issueId + "' not found");
    }
}
