package io.vigil.seal;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a sealer keeps the newest head of the change log it knows, outside the database: what it checks that
 * the database still extends before it seals again ({@link Sealer}). Thread-safe.
 */
public interface HeadKeeper {

    /**
     * The newest checkpoint kept, if any; throws {@link IllegalArgumentException} if what is kept cannot be read
     * as one.
     */
    Optional<Checkpoint> head();

    /** Keeps {@code seal}'s checkpoint as the newest one. */
    void keep(Seal seal);

    /** Keeps nothing (a sealer then starts from the database's own head) and tells {@code sealed} of each seal. */
    static HeadKeeper none(Consumer<Seal> sealed) {
        return new HeadKeeper() {
            @Override
            public Optional<Checkpoint> head() {
                return Optional.empty();
            }

            @Override
            public void keep(Seal seal) {
                sealed.accept(seal);
            }
        };
    }
}
