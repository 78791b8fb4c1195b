package io.vigil.webhook;

import io.vigil.audit.Change;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Where subscriptions, their cursors and their leases live, and what deliveries read of the change log. */
public interface WebhookStore {
    /** A new subscription's row: its secret sealed under the key {@code keyId}. */
    record NewSubscription(Subscription subscription, String sealedSecret, String keyId) {}

    /**
     * A subscription with what the deliverer needs to sign: its sealed secret, the key it is sealed with, and the
     * secret it replaced with when that one stops signing too ({@code previousSealed} null: none).
     */
    record Delivery(
            Subscription subscription,
            String sealedSecret,
            String keyId,
            @Nullable String previousSealed,
            long previousUntilMs) {

        /** What signs a delivery at {@code nowMs}: the secret, and the previous one while a rotation overlaps. */
        public Signer signer(SecretBox box, long nowMs) {
            Signature current = box.open(sealedSecret);
            String previous = previousSealed;
            return Signer.of(current, previous != null && nowMs < previousUntilMs ? box.open(previous) : null);
        }
    }

    void create(NewSubscription subscription);

    /** The account's subscriptions, oldest first. */
    List<Subscription> list(String accountId);

    Optional<Subscription> find(String accountId, String id);

    /**
     * Replaces the subscription's secret with {@code sealedSecret}, keeping the one it replaces to sign with until
     * {@code previousUntilMs}; whether the subscription was there with its secret sealed under {@code keyId}.
     */
    boolean rotate(String accountId, String id, String keyId, String sealedSecret, long previousUntilMs);

    /** Removes a subscription; whether it was there. */
    boolean remove(String accountId, String id);

    /** Sets the state (and, to {@link Subscription.State#ACTIVE}, clears the failures); whether it was there. */
    boolean setState(String accountId, String id, Subscription.State state);

    /** Moves the cursor back to {@code position} if it is further on; whether the subscription was there. */
    boolean rewind(String accountId, String id, long position);

    /** The newest position in the change log (0 if it is empty): where a new subscription starts. */
    long sealedPosition();

    /** The keys the subscriptions' secrets are sealed under, by id. */
    java.util.Set<String> keyIds();

    /** The position just before the account's first entry changed at or after {@code since}. */
    long positionBefore(String accountId, Instant since);

    /** The subscriptions a deliverer may try now: not paused, next attempt due. */
    List<Delivery> due(long nowMs);

    /** Every subscription not paused, with its sealed secret: those an {@link Announcer} may send to. */
    List<Delivery> listening();

    /** Takes or renews the subscription's lease for {@code holder}; whether this node holds it now. */
    boolean lease(String id, String holder, long nowMs, long untilMs);

    /** Gives up every lease {@code holder} holds (it stops delivering): another node may take them at once. */
    void releaseLeases(String holder);

    /** The account's sealed entries after {@code position}, by position; at most {@code limit}. */
    List<Change> after(String accountId, long position, int limit);

    /**
     * Records that everything up to {@code position} went out ({@code delivered} of it sent), and, when the
     * receiver acknowledged something ({@code progressed}), clears the failures; false if the holder lost its lease
     * or the cursor moved from {@code from} (a replay): then it stops.
     */
    boolean delivered(String id, String holder, long from, long position, int delivered, boolean progressed, long atMs);

    /**
     * Records a failed attempt: one more failure, the next attempt at {@code nextAttemptMs}, and the state {@code
     * failing} once failures have lasted {@code failingAfterMs}.
     */
    void failed(String id, String holder, long atMs, long nextAttemptMs, String error, long failingAfterMs);
}
