package io.vigil.client.vigil;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An account's webhook subscriptions: every change of its change log delivered, signed per Standard Webhooks, in
 * order, at least once. An unknown id is a {@code NotFoundException} (code 1301).
 *
 * <p>Reads and pause/resume are retried on transient failures; making, replaying, rotating and deleting are not
 * (repeated after a lost answer they would make a second subscription, send the changes twice, lose the first new
 * secret, or report a removal that succeeded as a 404).
 */
public interface Webhooks {
    /** Every subscription of the account. */
    List<WebhookSubscription> list();

    /** Makes a subscription; the answer carries its {@link WebhookSubscription#secret()}, shown only here. */
    WebhookSubscription create(WebhookRequest request);

    /** One subscription. */
    WebhookSubscription get(String webhookId);

    /** Stops deliveries until {@link #resume}; changes meanwhile are delivered after. */
    WebhookSubscription pause(String webhookId);

    /** Delivers again, from where it paused. */
    WebhookSubscription resume(String webhookId);

    /** Removes a subscription. */
    void delete(String webhookId);

    /** Sends again every change made at or after {@code since}. */
    WebhookSubscription replaySince(String webhookId, Instant since);

    /** Sends again every change after change-log position {@code position}. */
    WebhookSubscription replayAfter(String webhookId, long position);

    /** A new signing secret; the replaced one signs too for a day. */
    WebhookSubscription rotateSecret(String webhookId);

    /** A new signing secret; the replaced one signs too for {@code overlap} (at most 7 days). */
    WebhookSubscription rotateSecret(String webhookId, Duration overlap);
}
