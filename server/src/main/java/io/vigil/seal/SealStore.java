package io.vigil.seal;

import io.vigil.audit.AuditEntry;
import io.vigil.tenant.Scope;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Where the change log is sealed and read back for verification and proofs. Thread-safe. */
public interface SealStore {

    /**
     * What a sealer seals next: the last seal, and the at most {@code max} entries at the positions after it, as
     * stored (in position order, gaps and all), read outside any write transaction.
     */
    Tail tail(int max);

    /**
     * Inserts {@code seal} as the one after {@code previous} ({@code null}: the first), in a short transaction
     * that no other sealer on this database runs beside; false, with nothing written, if the last seal is no
     * longer {@code previous} (another sealer sealed first).
     */
    boolean append(@Nullable Seal previous, Seal seal);

    /** At most {@code limit} seals numbered {@code number} and after, in order. */
    List<Seal> sealsFrom(long number, int limit);

    /** Whether any entry has no position: every entry is given one when it is written (tampering, or a bug). */
    boolean anyUnpositioned();

    /** The last seal, if any. */
    Optional<Seal> head();

    /** How many entries are not sealed yet. */
    long unsealed();

    /** Every seal, in order. */
    List<Seal> seals();

    /** Every entry: those with a position by position, then those without one (tampering) by id. */
    void scanEntries(EntryVisitor visitor);

    /** The state of every insight, in no particular order. */
    void scanInsights(StateVisitor visitor);

    /** The entry {@code id} if it lies in {@code scope}, with its seal and its seal's leaf hashes if it is sealed. */
    Optional<SealedRange> sealedRange(Scope scope, UUID id);

    /**
     * Records {@code key} as the one that signs this database's seals unless one is recorded already;
     * returns the recorded one (PEM).
     */
    String registerKey(VerifyingKey key);

    /** The key recorded by {@link #registerKey}, if any (PEM). */
    Optional<String> registeredKey();

    /** Every change of the signing key, in order. */
    List<KeyChange> keyChanges();

    /**
     * Records {@code change}, in a transaction sealers do not run beside; false, with nothing written, if the last
     * change recorded is not the one before it (another key change came first).
     */
    boolean appendKeyChange(KeyChange change);

    /** Receives entries as stored. */
    @FunctionalInterface
    interface EntryVisitor {
        void entry(StoredEntry entry);
    }

    /** Receives the state of insights, the text columns as their stored UTF-8 bytes. */
    @FunctionalInterface
    interface StateVisitor {
        void insight(
                byte[] id,
                byte[] status,
                byte @Nullable [] classification,
                boolean dismissed,
                @Nullable String classificationExpiresOn);
    }

    /**
     * The last seal, and what a sealer reads of the entries after it.
     *
     * @param entries in position order, from the position after {@code previous}'s last on
     */
    record Tail(@Nullable Seal previous, List<Written> entries) {
        public Tail {
            entries = List.copyOf(entries);
        }
    }

    /**
     * What a sealer reads of an entry: its position, the leaf hash written with it (what a seal commits to: an
     * entry edited afterwards no longer gives it, and verify names it), its id and its time.
     */
    @SuppressWarnings("ArrayRecordComponent") // read and handed to the sealer
    record Written(long position, byte @Nullable [] leafHash, String id, long changedAtMs) {}

    /**
     * An entry, and if it is sealed, its position, its seal, the hash of the seal before it, and its seal's
     * leaf hashes in position order.
     */
    @SuppressWarnings("ArrayRecordComponent") // a read result handed straight on
    record SealedRange(
            AuditEntry entry,
            long position,
            @Nullable Seal seal,
            byte @Nullable [] previousHash,
            List<byte[]> leaves) {}
}
