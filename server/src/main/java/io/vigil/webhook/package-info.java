/**
 * Webhooks: an account's changes delivered to its subscribers' URLs. {@link io.vigil.webhook.Webhooks} manages
 * subscriptions (targets checked by {@link io.vigil.webhook.Targets}, secrets made by {@link
 * io.vigil.webhook.Signature} and sealed by {@link io.vigil.webhook.SecretBox}); {@link io.vigil.webhook.Deliverer}
 * sends the sealed change log after each subscription's durable cursor, signed per Standard Webhooks, through the
 * {@link io.vigil.webhook.WebhookStore} port and a {@link io.vigil.webhook.Transport}.
 */
@NullMarked
package io.vigil.webhook;

import org.jspecify.annotations.NullMarked;
