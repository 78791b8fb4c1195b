package io.vigil.insight;

/**
 * What the store did with one classification request. (The store's writer answers its dismissals in the same
 * terms, all but {@link #RACED}.)
 */
public enum ClassificationOutcome {
    /** The compare-and-set matched: the new value and its audit entry are durably committed. */
    CHANGED,
    /** The insight already had the requested value: nothing was written. */
    UNCHANGED,
    /** No such insight in the scope: nothing was written. */
    NOT_FOUND,
    /**
     * The insight changed between the read the decision was taken on and the compare-and-set (another
     * node, or another writer of this one): nothing was written; decide again on the new state.
     */
    RACED
}
