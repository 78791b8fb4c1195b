package io.vigil.seal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Recomputes the sealed change log from its entries and reports every break: a seal not chained or not signed
 * by the trusted key, a missing, moved or edited entry, a Merkle root that its entries do not give, a log that
 * no longer extends a checkpoint, and an insight whose state differs from what its entries say
 * ({@link StateReplay}). Reads the log once, in order, and checks it on another thread as it reads ({@link
 * Pipeline}): every check runs on that thread, in the order it would run on one.
 */
public final class Verifier {
    /** Breaks reported at most: past the first few, more say little about what happened. */
    static final int MAX_BREAKS = 100;

    private final KeyChain keys;
    private final List<Verification.Break> breaks = new ArrayList<>();
    private final StateReplay replay = new StateReplay(this::report);

    private Verifier(KeyChain keys) {
        this.keys = keys;
    }

    /**
     * Verifies the log in {@code store} with {@code key} (and the keys it was handed over from or to, {@link
     * KeyChain#trusting}), and that it still extends each of {@code checkpoints}.
     */
    public static Verification verify(SealStore store, VerifyingKey key, List<Checkpoint> checkpoints) {
        return verify(store, KeyChain.trusting(key, store), checkpoints);
    }

    /** Verifies the log in {@code store} with the keys of {@code keys}, and that it extends {@code checkpoints}. */
    public static Verification verify(SealStore store, KeyChain keys, List<Checkpoint> checkpoints) {
        Verifier verifier = new Verifier(keys);
        List<Seal> seals = store.seals();
        EntryWalk walk = verifier.new EntryWalk(seals);
        long[] insights = {0};
        try (Pipeline checks = new Pipeline("vigil-verify")) {
            checks.submit(
                    () -> { // the signatures take a while: checked while the first entries are read
                        verifier.checkSeals(seals);
                        for (Checkpoint checkpoint : checkpoints) {
                            verifier.checkCheckpoint(seals, checkpoint);
                        }
                    });
            store.scanEntries(entry -> checks.submit(() -> walk.entry(entry)));
            checks.submit(walk::end);
            store.scanInsights((id, status, classification, dismissed, expiresOn) -> {
                insights[0]++;
                checks.submit(() -> verifier.replay.compare(id, status, classification, dismissed, expiresOn));
            });
            checks.finish();
        }
        List<Verification.Break> found = new ArrayList<>(verifier.breaks);
        found.sort(Comparator.comparingLong(b -> b.position() == 0 ? Long.MAX_VALUE : b.position()));
        return new Verification(walk.sealedEntries, seals.size(), walk.unsealedEntries, insights[0], found);
    }

    private void checkSeals(List<Seal> seals) {
        byte[] previousHash = Seal.genesis();
        long previousLast = 0;
        KeyChain.Walk walk = keys.walk();
        for (int i = 0; i < seals.size(); i++) {
            Seal seal = seals.get(i);
            String which =
                    "seal " + seal.number() + " (positions " + seal.firstPosition() + "–" + seal.lastPosition() + ")";
            if (seal.number() != i + 1) {
                report(seal.firstPosition(), null, which + " follows seal " + i + ": a seal was deleted or inserted");
            } else if (seal.firstPosition() != previousLast + 1) {
                report(
                        seal.firstPosition(),
                        null,
                        which + " does not start right after position " + previousLast
                                + ": seals were deleted, inserted or renumbered");
            } else if (!Arrays.equals(seal.expectedHash(previousHash), seal.hash())) {
                report(
                        seal.firstPosition(),
                        null,
                        which + " is not chained to the seal before it: its hash"
                                + " does not follow from its fields and the previous seal's hash (rewritten)");
            } else {
                String unsigned = walk.check(seal);
                if (unsigned != null) {
                    report(seal.firstPosition(), null, which + " " + unsigned + ": re-sealed without the key");
                }
            }
            previousHash = seal.hash();
            previousLast = seal.lastPosition();
        }
        checkKeyChanges(seals);
    }

    /** Each key change is anchored to a seal of this log, and the recorded chain hands over to its end. */
    private void checkKeyChanges(List<Seal> seals) {
        String problem = keys.problem();
        if (problem != null) {
            report(1, null, problem);
        }
        for (KeyChange change : keys.changes()) {
            long anchor = change.afterSeal();
            if (anchor == 0) {
                continue;
            }
            Seal seal = anchor <= seals.size() ? seals.get((int) anchor - 1) : null;
            if (seal == null
                    || seal.number() != anchor
                    || !Hashes.hex(seal.hash()).equals(change.afterHash())) {
                report(
                        seal == null ? 1 : seal.firstPosition(),
                        null,
                        "key change " + change.number() + " was made after seal " + anchor + " with hash "
                                + change.afterHash() + ", which is not this log's seal " + anchor
                                + ": the log up to the key change was rewritten");
            }
        }
    }

    private void checkCheckpoint(List<Seal> seals, Checkpoint checkpoint) {
        if (!keys.signed(checkpoint)) {
            report(
                    checkpoint.size(),
                    null,
                    "the checkpoint (seal " + checkpoint.seal() + ") is not signed by the trusted key "
                            + keys.current().id() + (keys.changes().isEmpty() ? "" : " nor one it was handed over from")
                            + ": it proves nothing about this log");
            return;
        }
        Seal seal = null;
        for (Seal candidate : seals) {
            if (candidate.number() == checkpoint.seal()) {
                seal = candidate;
                break;
            }
        }
        long end = seals.isEmpty() ? 0 : seals.get(seals.size() - 1).lastPosition();
        String kept = "the checkpoint's seal " + checkpoint.seal() + " (up to position " + checkpoint.size() + ", hash "
                + Hashes.hex(checkpoint.hash()) + ")";
        if (seal == null) {
            long lastNumber = seals.isEmpty() ? 0 : seals.get(seals.size() - 1).number();
            if (end < checkpoint.size()) {
                report(
                        end + 1,
                        null,
                        "the log ends at position " + end + " (seal " + lastNumber + ") but " + kept
                                + " covers more: the log was truncated or rolled back to an older copy");
            } else if (lastNumber >= checkpoint.seal()) {
                report(1, null, kept + " is missing from the log: seal rows were deleted");
            } else {
                report(
                        1,
                        null,
                        "the log up to position " + end + " is sealed in " + lastNumber + " seals, and " + kept
                                + " is not among them: the log was sealed again");
            }
            return;
        }
        if (seal.lastPosition() != checkpoint.size() || !Arrays.equals(seal.hash(), checkpoint.hash())) {
            report(
                    seal.firstPosition(),
                    null,
                    "seal " + checkpoint.seal() + " is not " + kept + ": the log up to position "
                            + Math.min(checkpoint.size(), seal.lastPosition()) + " was rewritten and sealed again");
        }
    }

    void report(long position, @Nullable String entryId, String message) {
        if (breaks.size() < MAX_BREAKS) {
            breaks.add(new Verification.Break(position, entryId, message));
        }
    }

    /** Walks the entries by position: the sealed ones, then the ones written since the last seal. */
    private final class EntryWalk {
        private final List<Seal> seals;
        private final Hashes hashes = new Hashes(0x00);
        private final long lastSealed;
        private int sealIndex;
        private long next = 1;
        private final List<byte[]> leaves = new ArrayList<>();
        private boolean sealBroken;
        long sealedEntries;
        long unsealedEntries;

        EntryWalk(List<Seal> seals) {
            this.seals = seals;
            this.lastSealed = seals.isEmpty() ? 0 : seals.get(seals.size() - 1).lastPosition();
        }

        void entry(StoredEntry entry) {
            Long position = entry.position();
            if (position == null) {
                unsealedEntries++;
                String id = entry.idText();
                report(
                        lastSealed + 1,
                        id,
                        "entry " + id + " has no position: every entry is given one when it is written, so it"
                                + " was inserted or its position removed");
                replay.apply(0, entry);
                return;
            }
            long p = position;
            if (p < next) {
                String id = entry.idText(); // only for the report: decoding an id for every entry costs
                report(p, id, "position " + p + " is held by two entries (" + id + " is the second)");
                return;
            }
            if (p > next) {
                skipTo(p);
            }
            next = p + 1;
            byte[] leaf = Leaf.hash(p, entry, hashes);
            byte[] leafHash = entry.leafHash();
            if (p > lastSealed) { // written, not sealed yet: its leaf hash is all that vouches for it
                unsealedEntries++;
                if (leafHash == null || !Arrays.equals(leaf, leafHash)) {
                    String id = entry.idText();
                    report(
                            p,
                            id,
                            "entry " + id + " at position " + p + " (not sealed yet) does not give the leaf hash"
                                    + " written with it: it was edited or moved after it was written");
                }
                replay.apply(p, entry);
                return;
            }
            sealedEntries++;
            if (leafHash == null || !Arrays.equals(leaf, leafHash)) {
                sealBroken = true;
                String id = entry.idText();
                report(
                        p,
                        id,
                        "entry " + id + " at position " + p + " (insight " + entry.issueIdText() + ", "
                                + entry.fieldChanged().wireName()
                                + ") is not the entry sealed there: it was edited or moved"
                                + " after sealing");
            }
            leaves.add(leaf);
            replay.apply(p, entry);
            Seal seal = seals.get(sealIndex);
            if (p == seal.lastPosition()) {
                closeSeal(seal);
            }
        }

        /** Positions {@code next..p-1} are missing: reports them and closes the seals they ended. */
        private void skipTo(long p) {
            long lastMissing = Math.min(p - 1, lastSealed);
            if (next <= lastMissing) {
                report(next, null, missing(next, lastMissing) + " missing: the entries sealed there were deleted");
            }
            long firstUnsealed = Math.max(next, lastSealed + 1);
            if (firstUnsealed <= p - 1) {
                report(
                        firstUnsealed,
                        null,
                        missing(firstUnsealed, p - 1) + " missing: the entries written there were deleted before"
                                + " they were sealed");
            }
            sealBroken = true;
            while (sealIndex < seals.size() && seals.get(sealIndex).lastPosition() < p) {
                closeSeal(seals.get(sealIndex));
                sealBroken = true;
            }
        }

        private static String missing(long from, long to) {
            return from == to ? "position " + from + " is" : "positions " + from + "–" + to + " are";
        }

        private void closeSeal(Seal seal) {
            if (!sealBroken && !leaves.isEmpty() && !Arrays.equals(MerkleTree.root(leaves), seal.merkleRoot())) {
                report(
                        seal.firstPosition(),
                        null,
                        "seal " + seal.number() + " (positions " + seal.firstPosition()
                                + "–" + seal.lastPosition() + "): its entries do not give its Merkle root: an entry was"
                                + " rewritten together with its leaf hash, or entries were reordered");
            }
            leaves.clear();
            sealBroken = false;
            sealIndex++;
        }

        void end() {
            if (next <= lastSealed) {
                report(
                        next,
                        null,
                        "positions " + next + "–" + lastSealed + " are missing: the tail of the sealed"
                                + " log was deleted");
            }
        }
    }
}
