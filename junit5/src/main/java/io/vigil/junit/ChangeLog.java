package io.vigil.junit;

import java.util.List;
import java.util.NoSuchElementException;

/** The change log as {@link Vigil#changes()} read it, oldest entry first; immutable. */
public final class ChangeLog {
    private final List<Change> changes;

    ChangeLog(List<Change> changes) {
        this.changes = List.copyOf(changes);
    }

    /** Every change, oldest first. */
    public List<Change> all() {
        return changes;
    }

    /** The changes of one insight, oldest first. */
    public List<Change> of(String insightId) {
        return changes.stream().filter(c -> c.insightId().equals(insightId)).toList();
    }

    /** The changes made by one actor (a token's name, a user's email, {@code system}), oldest first. */
    public List<Change> by(String actor) {
        return changes.stream().filter(c -> c.actor().equals(actor)).toList();
    }

    /**
     * The newest change.
     *
     * @throws NoSuchElementException if nothing was changed
     */
    public Change last() {
        if (changes.isEmpty()) {
            throw new NoSuchElementException(
                    "the change log is empty: nothing was changed since the start, the last" + " reset or the seeds");
        }
        return changes.getLast();
    }

    /** Whether the test's code changed nothing. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** How many entries the test's code wrote. */
    public int size() {
        return changes.size();
    }

    @Override
    public String toString() {
        return changes.toString();
    }
}
