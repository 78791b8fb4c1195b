package io.vigil.bulk;

import io.vigil.error.ApiException;
import io.vigil.insight.Insight;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A bulk's decision on every insight it names, each by the rule of one at a time: an insight missing from the
 * scope is refused, one the rule refuses is refused with the rule's reason, one the rule leaves as it is is
 * unchanged, and the rest change. The whole may be applied only if nothing is refused and the states are still
 * the ones a precondition expected.
 *
 * @param changes the changes to apply, in id order (the order locks are taken in)
 * @param <U> what the rule decides for one insight
 */
public record BulkDecision<U>(BulkOutcome.Decided decided, SortedMap<String, U> changes, boolean refused) {
    public BulkDecision {
        changes = Collections.unmodifiableSortedMap(new TreeMap<>(changes));
    }

    /**
     * Decides each of {@code issueIds}, in the order given.
     *
     * @param kind the kind of change, as {@link StatesToken#of} takes it
     * @param visible the named insights there are in the scope, by id
     * @param seen what the rule depends on in one insight: the states token digests it
     * @param rule one insight's change, or {@code null} if it already is as asked; throws an {@link
     *     ApiException} to refuse it
     * @param expectedStates the token the states must still have; {@code null} for no precondition
     * @param <S> the state the rule reads
     */
    public static <S, U> BulkDecision<U> decide(
            String kind,
            List<String> issueIds,
            Map<String, S> visible,
            Function<S, String> seen,
            Function<S, @Nullable U> rule,
            @Nullable String expectedStates) {
        String token = StatesToken.of(kind, issueIds, id -> {
            S state = visible.get(id);
            return state == null ? null : seen.apply(state);
        });
        List<BulkOutcome.Item> items = new ArrayList<>(issueIds.size());
        SortedMap<String, U> changes = new TreeMap<>();
        boolean refused = false;
        for (String id : issueIds) {
            S state = visible.get(id);
            if (state == null) {
                items.add(new BulkOutcome.Item(id, BulkOutcome.Kind.REFUSED, Insight.notFound(id)));
                refused = true;
                continue;
            }
            try {
                U change = rule.apply(state);
                if (change == null) {
                    items.add(new BulkOutcome.Item(id, BulkOutcome.Kind.UNCHANGED, null));
                } else {
                    items.add(new BulkOutcome.Item(id, BulkOutcome.Kind.CHANGE, null));
                    changes.put(id, change);
                }
            } catch (ApiException refusal) {
                items.add(new BulkOutcome.Item(id, BulkOutcome.Kind.REFUSED, refusal));
                refused = true;
            }
        }
        boolean held = expectedStates == null || expectedStates.equals(token);
        return new BulkDecision<>(new BulkOutcome.Decided(items, token, held), changes, refused);
    }

    /** Whether the changes are to be applied: nothing refused, the precondition held, and something to change. */
    public boolean applicable() {
        return !refused && decided.preconditionHeld() && !changes.isEmpty();
    }
}
