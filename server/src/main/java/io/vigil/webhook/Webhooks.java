package io.vigil.webhook;

import io.vigil.error.ConflictException;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.error.NotFoundException;
import io.vigil.error.UnavailableException;
import io.vigil.tenant.Directory;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Manages an account's webhook subscriptions, for {@code vigil webhook} and the HTTP API alike: makes one (its
 * target checked, its secret made, sealed and shown once), lists, pauses, resumes, replays and removes them.
 */
public final class Webhooks {
    /** How many subscriptions one account may have. */
    public static final int MAX_PER_ACCOUNT = 25;

    /** A subscription just made, with its secret: the one time the secret is shown. */
    public record Created(Subscription subscription, String secret) {}

    /** A subscription's new secret, shown once, and until when the one it replaced signs too. */
    public record Rotated(Subscription subscription, String secret, Instant previousUntil) {}

    /** The longest a replaced secret may go on signing beside the new one. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private final WebhookStore store;
    private final SecretBox box;
    private final Targets targets;
    private final Directory directory;
    private final InstantSource clock;
    private final SecureRandom random;

    public Webhooks(
            WebhookStore store,
            SecretBox box,
            Targets targets,
            Directory directory,
            InstantSource clock,
            SecureRandom random) {
        this.store = store;
        this.directory = directory;
        this.box = box;
        this.targets = targets;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Subscribes {@code request.url()} to the account's changes from now on.
     *
     * @throws InvalidRequestException if the target is refused (code 1300)
     * @throws ConflictException if the account has {@value #MAX_PER_ACCOUNT} already
     */
    public Created add(String accountId, SubscriptionRequest request, String actor) {
        try {
            targets.check(request.url());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    ErrorCode.WEBHOOK_TARGET_REFUSED, "url is refused: " + e.getMessage(), "/url");
        }
        List<String> zones = List.copyOf(request.zones());
        if (!zones.isEmpty()) {
            Set<String> known = new HashSet<>();
            directory.zones(Set.of(), request.zones(), accountId).forEach(zone -> known.add(zone.id()));
            for (int i = 0; i < zones.size(); i++) {
                if (!known.contains(zones.get(i))) {
                    throw new InvalidRequestException(
                            ErrorCode.INVALID_FIELD,
                            "zones: '" + zones.get(i) + "' is not a zone of account '" + accountId
                                    + "': a subscription to it would never receive anything",
                            "/zones/" + i);
                }
            }
        }
        if (store.list(accountId).size() >= MAX_PER_ACCOUNT) {
            throw new ConflictException(
                    ErrorCode.TOO_MANY_WEBHOOKS,
                    "account '" + accountId + "' has " + MAX_PER_ACCOUNT + " webhook subscriptions; remove one first");
        }
        Signature secret = Signature.generate(random);
        Subscription subscription = new Subscription(
                UUID.randomUUID().toString().replace("-", ""),
                accountId,
                request.url(),
                request.zones(),
                request.kinds(),
                request.severities(),
                Subscription.State.ACTIVE,
                store.sealedPosition(),
                Instant.ofEpochMilli(clock.millis()),
                actor,
                0,
                null,
                0,
                null,
                null);
        String keyId = keyId();
        store.create(new WebhookStore.NewSubscription(subscription, box.seal(secret), keyId));
        return new Created(subscription, secret.secret());
    }

    public List<Subscription> list(String accountId) {
        return store.list(accountId);
    }

    /**
     * The account's subscription {@code id}.
     *
     * @throws NotFoundException if the account has no such subscription
     */
    public Subscription get(String accountId, String id) {
        return store.find(accountId, id).orElseThrow(() -> notFound(id));
    }

    /**
     * Removes the subscription: nothing more is sent to it.
     *
     * @throws NotFoundException if the account has no such subscription
     */
    public void remove(String accountId, String id) {
        if (!store.remove(accountId, id)) {
            throw notFound(id);
        }
    }

    /**
     * Pauses (deliveries stop; changes keep queuing behind the cursor) or resumes (deliveries start again at once,
     * failures forgotten).
     *
     * @throws NotFoundException if the account has no such subscription
     */
    public Subscription setPaused(String accountId, String id, boolean paused) {
        if (!store.setState(accountId, id, paused ? Subscription.State.PAUSED : Subscription.State.ACTIVE)) {
            throw notFound(id);
        }
        return get(accountId, id);
    }

    /**
     * Sends again every change after {@code position} (a position of the sealed log, as deliveries carry it); a
     * cursor already further back stays.
     */
    public Subscription replayAfter(String accountId, String id, long position) {
        if (!store.rewind(accountId, id, Math.max(0, position))) {
            throw notFound(id);
        }
        return get(accountId, id);
    }

    /** Sends again every change made at or after {@code since}. */
    public Subscription replaySince(String accountId, String id, Instant since) {
        get(accountId, id);
        return replayAfter(accountId, id, store.positionBefore(accountId, since));
    }

    /**
     * Gives the subscription a new signing secret; deliveries are signed with the one it replaces too for {@code
     * overlap} (at most {@link #MAX_OVERLAP}), so a receiver can switch to the new one in that time.
     *
     * @throws NotFoundException if the account has no such subscription
     */
    public Rotated rotateSecret(String accountId, String id, Duration overlap) {
        Subscription s = get(accountId, id);
        Signature secret = Signature.generate(random);
        Instant until = Instant.ofEpochMilli(clock.millis()).plus(overlap);
        String keyId = keyId();
        if (!store.rotate(accountId, id, keyId, box.seal(secret), until.toEpochMilli())) {
            throw keyNotHere(store.keyIds().stream()
                    .filter(k -> !k.equals(keyId))
                    .findFirst()
                    .orElse(keyId));
        }
        return new Rotated(s, secret.secret(), until);
    }

    /** The key this node seals secrets with; 503 if it has none (the cluster's key file is not here). */
    private String keyId() {
        try {
            return box.keyId();
        } catch (SecretBox.MissingKey e) {
            throw keyNotHere(e.needed());
        }
    }

    private static UnavailableException keyNotHere(String needed) {
        return new UnavailableException(
                ErrorCode.KEY_NOT_ON_NODE,
                "this node does not hold the webhook secrets key " + needed + "; send the request to another node,"
                        + " or copy webhook-secrets.key to this one; nothing was changed",
                null);
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException(ErrorCode.WEBHOOK_NOT_FOUND, "webhook subscription '" + id + "' not found");
    }
}
