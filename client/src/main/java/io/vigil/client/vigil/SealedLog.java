package io.vigil.client.vigil;

import io.vigil.client.Paged;

/**
 * Vigil's tamper-evident change log: signed checkpoints, the chain of seals, and the signing keys. Check what these
 * answer against a key you pinned ({@code vigil audit key}), not against one the server hands you.
 */
public interface SealedLog {
    /** The newest signed checkpoint; {@code NotFoundException} code 1103 before the first seal. */
    Checkpoint checkpoint();

    /** The seals from number {@code from} on, in order, page by page as iterated. */
    Paged<Seal> seals(long from);

    /** As {@link #seals(long)}, {@code perPage} seals per request (1 to 1000; the server's default is 100). */
    Paged<Seal> seals(long from, int perPage);

    /** The first signing key and every hand-over to the next, each signed by both keys. */
    KeyChain keys();
}
