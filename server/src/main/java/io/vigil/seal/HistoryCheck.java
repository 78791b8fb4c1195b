package io.vigil.seal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rules a sealer applies before it signs anything: the database's seals extend the newest head it knows,
 * and the entries it is about to seal follow on, each with its leaf hash, none back-dated. Pure: the sealer
 * reads, this decides.
 */
final class HistoryCheck {
    /**
     * How long before the seal that precedes it an entry may be dated: a change is dated before its commit, and
     * the clocks of several nodes differ. Anything older was back-dated or inserted.
     */
    static final Duration CLOCK_ALLOWANCE = Duration.ofMinutes(5);

    private HistoryCheck() {}

    /**
     * Why {@code seals} (the database's, from the known head's number on; empty if there are none) do not
     * extend {@code known}, or null if they do. Each seal after the known one must follow it (number, positions,
     * chained hash) and be signed as {@code keys} allows.
     */
    static @Nullable String extension(Checkpoint known, List<Seal> seals, KeyChain keys) {
        String knownHead = "seal " + known.seal() + " (up to position " + known.size() + ", hash "
                + Hashes.hex(known.hash()) + ")";
        if (seals.isEmpty() || seals.get(0).number() != known.seal()) {
            return "this node sealed up to " + knownHead + " but the database has no seal " + known.seal()
                    + ": the log was truncated, rolled back to an older copy, or its seals were deleted";
        }
        Seal first = seals.get(0);
        if (first.lastPosition() != known.size() || !Arrays.equals(first.hash(), known.hash())) {
            return "seal " + known.seal() + " in the database (up to position " + first.lastPosition() + ", hash "
                    + Hashes.hex(first.hash()) + ") is not " + knownHead
                    + " that this node sealed or saw: the log was rewritten and sealed again";
        }
        Seal previous = first;
        KeyChain.Walk walk = keys.walkAfter(first.keyId());
        for (Seal seal : seals.subList(1, seals.size())) {
            if (seal.number() != previous.number() + 1
                    || seal.firstPosition() != previous.lastPosition() + 1
                    || !Arrays.equals(seal.expectedHash(previous.hash()), seal.hash())) {
                return "seal " + seal.number() + " does not follow seal " + previous.number()
                        + " (numbers, positions or chained hash): the seals after " + knownHead + " were altered";
            }
            String unsigned = walk.check(seal);
            if (unsigned != null) {
                return "seal " + seal.number() + " " + unsigned + ": it was made without the cluster's key";
            }
            previous = seal;
        }
        return null;
    }

    /** The leaf hashes of the entries a sealer may seal, and why it must stop after them, if it must. */
    record Sealable(List<byte[]> leaves, @Nullable String problem) {}

    /**
     * The leading entries of {@code entries} (read after {@code previous}) that may be sealed: at consecutive
     * positions, each with the leaf hash written with it, none dated before {@code previous} was made (less the
     * {@link #CLOCK_ALLOWANCE}). The first entry that breaks a rule ends them, with the reason. The leaf hashes are
     * sealed as written: an entry edited since no longer gives its hash, and verify names it.
     */
    static Sealable sealable(@Nullable Seal previous, List<SealStore.Written> entries) {
        long next = previous == null ? 1 : previous.lastPosition() + 1;
        long earliest = previous == null
                ? Long.MIN_VALUE
                : previous.sealedAt().minus(CLOCK_ALLOWANCE).toEpochMilli();
        List<byte[]> leaves = new ArrayList<>(entries.size());
        for (SealStore.Written entry : entries) {
            long position = next + leaves.size();
            if (entry.position() != position) {
                String missing = entry.position() - 1 == position
                        ? "position " + position + " is"
                        : "positions " + position + "–" + (entry.position() - 1) + " are";
                return new Sealable(
                        leaves, missing + " missing: entries written there were deleted before they were sealed");
            }
            byte[] leaf = entry.leafHash();
            if (leaf == null || leaf.length != Hashes.LENGTH) {
                return new Sealable(
                        leaves,
                        "entry " + entry.id() + " at position " + position + " has no leaf hash: every entry is"
                                + " written with one, so its hash was removed");
            }
            if (previous != null && entry.changedAtMs() < earliest) {
                return new Sealable(
                        leaves,
                        "entry " + entry.id() + " at position " + position + " is dated "
                                + Instant.ofEpochMilli(entry.changedAtMs()) + ", before seal "
                                + previous.number() + " was made (" + previous.sealedAt()
                                + "): entries are dated as they are written, so it was back-dated or inserted");
            }
            leaves.add(leaf);
        }
        return new Sealable(leaves, null);
    }
}
