package io.vigil.seal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The keys that have signed a change log, in order: the first, then each brought in by a {@link KeyChange} signed
 * by the key before it and by itself. Trusting any of them is trusting all: the chain is read from the database,
 * but no link can be added or altered without both keys of that link. Pure.
 *
 * <p>Which key may sign which seal: a key brought in by a change signs only seals after the change's anchor, and
 * once a newer key has signed a seal no older one signs again ({@link Walk}).
 */
public final class KeyChain {
    private final List<VerifyingKey> keys;
    private final List<KeyChange> changes;
    private final @Nullable String problem;

    private KeyChain(List<VerifyingKey> keys, List<KeyChange> changes, @Nullable String problem) {
        this.keys = List.copyOf(keys);
        this.changes = List.copyOf(changes);
        this.problem = problem;
    }

    /**
     * The chain from {@code first} through {@code changes} (in order), as far as each change hands over from the
     * key before it; {@link #problem} says where and why it stopped.
     */
    public static KeyChain of(VerifyingKey first, List<KeyChange> changes) {
        List<VerifyingKey> keys = new ArrayList<>(List.of(first));
        List<KeyChange> valid = new ArrayList<>();
        long anchor = 0;
        for (KeyChange change : changes) {
            VerifyingKey current = keys.get(keys.size() - 1);
            String broken = change.number() != valid.size() + 1
                    ? "key change " + change.number() + " follows key change " + valid.size()
                            + ": a key change was deleted or inserted"
                    : change.afterSeal() < anchor
                            ? "key change " + change.number() + " is anchored after seal " + change.afterSeal()
                                    + ", before the key change that preceded it (after seal " + anchor + ")"
                            : keys.stream().anyMatch(k -> k.id().equals(change.toKeyId()))
                                    ? "key change " + change.number() + " brings back key " + change.toKeyId()
                                            + ", which signed before"
                                    : change.problem(current);
            if (broken != null) {
                return new KeyChain(keys, valid, broken);
            }
            keys.add(change.to());
            valid.add(change);
            anchor = change.afterSeal();
        }
        return new KeyChain(keys, valid, null);
    }

    /**
     * The chain a holder of {@code trusted} may rely on: the one {@code store} records when {@code trusted} is in
     * it, else {@code trusted} alone (every seal signed by another key is then reported), with the reason.
     */
    public static KeyChain trusting(VerifyingKey trusted, SealStore store) {
        VerifyingKey first = store.registeredKey().map(VerifyingKey::fromPem).orElse(trusted);
        KeyChain recorded = of(first, store.keyChanges());
        if (recorded.index(trusted.id()) >= 0
                && recorded.key(trusted.id()).orElseThrow().equals(trusted)) {
            return recorded;
        }
        return new KeyChain(List.of(trusted), List.of(), recorded.problem);
    }

    /** The key that signs now: the last one brought in. */
    public VerifyingKey current() {
        return keys.get(keys.size() - 1);
    }

    /** The first key. */
    public VerifyingKey first() {
        return keys.get(0);
    }

    /** Every key, in the order they signed. */
    public List<VerifyingKey> keys() {
        return keys;
    }

    /** The changes that hand over, in order. */
    public List<KeyChange> changes() {
        return changes;
    }

    /** Why the recorded chain stops early (a change that does not hand over), or null if it does not. */
    public @Nullable String problem() {
        return problem;
    }

    /** The key of this chain with id {@code id}. */
    public Optional<VerifyingKey> key(String id) {
        int i = index(id);
        return i < 0 ? Optional.empty() : Optional.of(keys.get(i));
    }

    /** Whether {@code checkpoint} is signed by a key of this chain. */
    public boolean signed(Checkpoint checkpoint) {
        return key(checkpoint.keyId()).map(checkpoint::signedBy).orElse(false);
    }

    private int index(String id) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** A check of seals in order, each against the keys that may sign it. */
    public Walk walk() {
        return new Walk(0);
    }

    /** A check of the seals that follow one signed by the key {@code keyId} (the first key if unknown). */
    public Walk walkAfter(String keyId) {
        return new Walk(Math.max(0, index(keyId)));
    }

    /** Checks seals in number order; not thread-safe. */
    public final class Walk {
        private int signer; // the index of the key that signed the seal before

        private Walk(int signer) {
            this.signer = signer;
        }

        /**
         * Why {@code seal}, the next one, is not signed as this chain allows ("is …", said of the seal), or null
         * if it is.
         */
        public @Nullable String check(Seal seal) {
            int i = index(seal.keyId());
            if (i < 0) {
                return "is signed by key '" + seal.keyId() + "', not by "
                        + current().id() + ", the trusted key"
                        + (keys.size() > 1 ? ", nor by one it was handed over from" : "");
            }
            if (i < signer) {
                return "is signed by key " + seal.keyId() + ", which key change " + (i + 1) + " replaced, after "
                        + keys.get(signer).id() + " had signed: a retired key signed";
            }
            if (i > 0 && seal.number() <= changes.get(i - 1).afterSeal()) {
                return "is signed by key " + seal.keyId() + ", which key change " + i + " brought in only after seal "
                        + changes.get(i - 1).afterSeal();
            }
            if (!seal.checkpoint().signedBy(keys.get(i))) {
                return "is not signed by key " + seal.keyId() + " as it says (altered)";
            }
            signer = i;
            return null;
        }
    }
}
