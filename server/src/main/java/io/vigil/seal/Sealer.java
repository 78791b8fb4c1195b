package io.vigil.seal;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the change log in rounds (a server's background job runs one every second, and one at shutdown): each
 * round seals everything committed and unsealed, in seals of at most {@link #MAX_PER_SEAL} entries. On several
 * nodes each runs a sealer and the store makes them take turns. Thread-safe.
 *
 * <p>A sealer never seals over its own past. Before each round it checks that the database's seals extend the
 * newest head it knows (the one its {@link HeadKeeper} kept outside the database, then each it made or saw),
 * and it seals only entries that are what their writers wrote ({@link HistoryCheck}). When either fails, it
 * seals what came before the break, raises the {@link HistoryAlarm} and seals nothing more: write access to the
 * database alone cannot get a rewritten history signed.
 */
public final class Sealer {
    /** The most entries one seal covers: bounds a sealing transaction and an inclusion proof's work. */
    public static final int MAX_PER_SEAL = 4_096;

    /** How often a round reads anew when other sealers sealed between its read and its insert. */
    private static final int ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Sealer.class);

    private final SealStore store;
    private final Supplier<@Nullable SigningKey> keys;
    private final InstantSource clock;
    private final HeadKeeper keeper;
    private final HistoryAlarm alarm;
    private final int maxPerSeal;
    private final List<Consumer<Seal>> made = new CopyOnWriteArrayList<>();
    private boolean loaded;
    private @Nullable Checkpoint known; // the newest head this sealer knows the log extends

    /**
     * A sealer that keeps no head outside the database: it starts from the database's newest seal (if signed with
     * {@code key}) and tells {@code sealed} of that seal and of every seal it makes.
     */
    public Sealer(SealStore store, SigningKey key, InstantSource clock, Consumer<Seal> sealed) {
        this(store, key, clock, HeadKeeper.none(sealed), new HistoryAlarm(), MAX_PER_SEAL);
    }

    /**
     * @param keeper where the newest head is kept outside the database, and read from at the first round
     * @param alarm raised, once, when the database no longer extends what this sealer knows
     * @param maxPerSeal the most entries one seal covers
     */
    public Sealer(
            SealStore store,
            SigningKey key,
            InstantSource clock,
            HeadKeeper keeper,
            HistoryAlarm alarm,
            int maxPerSeal) {
        this(store, () -> key, clock, keeper, alarm, maxPerSeal);
    }

    /**
     * A sealer whose key may change: each round asks {@code keys} for the key that signs now, and seals nothing
     * while it answers none (the key file is not there yet, or it was replaced and the new one is not copied yet).
     */
    public Sealer(
            SealStore store,
            Supplier<@Nullable SigningKey> keys,
            InstantSource clock,
            HeadKeeper keeper,
            HistoryAlarm alarm,
            int maxPerSeal) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.keeper = keeper;
        this.alarm = alarm;
        this.maxPerSeal = maxPerSeal;
    }

    /**
     * Tells {@code listener} of each seal this sealer makes from now on (not of those other nodes make), on the
     * sealing thread, after its head is kept: it must return quickly.
     */
    public void onSeal(Consumer<Seal> listener) {
        made.add(listener);
    }

    /**
     * Seals every entry committed and unsealed now, once the log is shown to extend what this sealer knows;
     * returns the last seal made, or null if none was made (nothing waited, or the alarm is raised).
     */
    public synchronized @Nullable Seal sealPending() {
        SigningKey signing = keys.get();
        if (signing == null || alarm.raised() || !load()) {
            return null;
        }
        Seal last = null;
        int lost = 0;
        while (true) {
            SealStore.Tail tail = store.tail(maxPerSeal);
            Seal previous = tail.previous();
            if (!extendsKnown(previous, signing)) {
                return last;
            }
            HistoryCheck.Sealable sealable = HistoryCheck.sealable(previous, tail.entries());
            List<byte[]> leaves = sealable.leaves();
            if (!leaves.isEmpty()) {
                long first = previous == null ? 1 : previous.lastPosition() + 1;
                Instant now = clock.instant();
                Instant sealedAt = previous == null || now.isAfter(previous.sealedAt()) ? now : previous.sealedAt();
                Seal seal = Seal.create(
                        previous, first, first + leaves.size() - 1, MerkleTree.root(leaves), sealedAt, signing);
                if (!store.append(previous, seal)) { // another sealer sealed first: check its seal, read again
                    if (++lost == ATTEMPTS) {
                        throw new IllegalStateException("other sealers sealed first " + ATTEMPTS
                                + " times in a row; the next round tries again");
                    }
                    continue;
                }
                known = seal.checkpoint();
                keeper.keep(seal);
                tell(seal);
                last = seal;
            }
            if (sealable.problem() != null) {
                raise(sealable.problem(), previous);
                return last;
            }
            if (tail.entries().size() < maxPerSeal) {
                if (store.anyUnpositioned()) {
                    raise(
                            "entries without a position are in the log: every entry is given one when it is"
                                    + " written, so they were inserted or their positions removed",
                            previous);
                }
                return last;
            }
        }
    }

    /** Reads the kept head at the first round; false (alarm raised) if it cannot be read. */
    private boolean load() {
        if (!loaded) {
            try {
                known = keeper.head().orElse(null);
            } catch (IllegalArgumentException e) {
                alarm.raise("the head kept outside the database cannot be read (" + e.getMessage() + ")", "");
                return false;
            }
            loaded = true;
        }
        return true;
    }

    /** Whether the database's last seal, {@code head}, extends the known head; if not, raises the alarm. */
    private boolean extendsKnown(@Nullable Seal head, SigningKey signing) {
        Checkpoint from = known;
        if (from == null) { // nothing kept: the database's head, if signed with this key (or one before), starts
            if (head == null) {
                return true;
            }
            KeyChain chain = KeyChain.trusting(signing.verifyingKey(), store);
            if (!chain.signed(head.checkpoint())) {
                raise(
                        "the last seal, " + head.number() + ", is signed by key '" + head.keyId() + "', not by "
                                + signing.verifyingKey().id()
                                + ", the key this node seals with, nor by one it was handed over from",
                        head);
                return false;
            }
            LOG.info(
                    "no head of the change log kept here yet: starting from seal {} (up to position {}) as the"
                            + " database has it",
                    head.number(),
                    head.lastPosition());
            known = head.checkpoint();
            keeper.keep(head);
            return true;
        }
        if (head != null && head.number() == from.seal() && head.checkpoint().equals(from)) {
            return true; // nothing sealed since: the common case, checked without another read
        }
        List<Seal> seals = head == null || head.number() < from.seal()
                ? List.of()
                : store.sealsFrom(from.seal(), Integer.MAX_VALUE);
        String broken = HistoryCheck.extension(from, seals, KeyChain.trusting(signing.verifyingKey(), store));
        if (broken != null) {
            raise(broken, head);
            return false;
        }
        Seal newest = seals.get(seals.size() - 1);
        if (newest.number() > from.seal()) {
            known = newest.checkpoint();
            keeper.keep(newest);
        }
        return true;
    }

    private void tell(Seal seal) {
        for (Consumer<Seal> listener : made) {
            try {
                listener.accept(seal);
            } catch (RuntimeException e) {
                LOG.warn("telling of seal {} failed", seal.number(), e);
            }
        }
    }

    private void raise(String why, @Nullable Seal head) {
        StringBuilder details = new StringBuilder();
        details.append("checked at ").append(clock.instant()).append('\n');
        Checkpoint from = known;
        details.append("\nthe newest head this node knew:\n").append(from == null ? "none\n" : from.text());
        details.append("\nthe database's last seal:\n")
                .append(head == null ? "none\n" : head.checkpoint().text());
        if (from != null) {
            details.append("\nthe database's seals from seal ")
                    .append(from.seal())
                    .append(" on:\n");
            for (Seal seal : store.sealsFrom(from.seal(), 1_000)) {
                details.append(seal.number())
                        .append(' ')
                        .append(seal.firstPosition())
                        .append('–')
                        .append(seal.lastPosition())
                        .append(" root ")
                        .append(Hashes.hex(seal.merkleRoot()))
                        .append(" hash ")
                        .append(Hashes.hex(seal.hash()))
                        .append(" key ")
                        .append(seal.keyId())
                        .append('\n');
            }
        }
        alarm.raise(why, details.toString());
    }
}
