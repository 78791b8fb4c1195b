package io.vigil.insight;

import io.vigil.error.ConflictException;
import io.vigil.error.ErrorCode;
import org.jspecify.annotations.Nullable;

/** What a valid {@link ClassificationRequest} does to an insight in a given state. */
public sealed interface Transition {

    /** The insight already has the requested value: success, nothing changes, nothing is recorded. */
    record Unchanged() implements Transition {}

    /**
     * The classification moves from {@code from} to {@code to}; either side may be {@code null}
     * (unclassified), never both, and they differ.
     */
    record Change(
            @Nullable Classification from,
            @Nullable Classification to,
            @Nullable String rationale) implements Transition {
        public Change {
            if (from == to) {
                throw new IllegalArgumentException("a change must change something: " + from + " -> " + to);
            }
            if (from != null && to != null) {
                throw new IllegalArgumentException("direct change " + from + " -> " + to + " is not a transition");
            }
        }
    }

    /**
     * The one place the classification rules live.
     *
     * @param current the insight's classification now; {@code null} if unclassified
     * @throws ConflictException if the request changes one value directly into another
     */
    static Transition decide(@Nullable Classification current, ClassificationRequest request) {
        Classification requested = request.classification();
        if (current == requested) {
            return new Unchanged();
        }
        if (current != null && requested != null) {
            throw new ConflictException(
                    ErrorCode.CLASSIFICATION_CHANGE_REFUSED,
                    "classification is '" + current.wireName() + "'; reset it to null before setting '"
                            + requested.wireName() + "'");
        }
        return new Change(current, requested, request.rationale());
    }
}
