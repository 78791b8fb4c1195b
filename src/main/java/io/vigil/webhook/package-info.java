/**
 * Webhooks (issue 18, in progress): what a delivery needs before any is made — {@link io.vigil.webhook.Signature}
 * signs a payload as the Standard Webhooks specification says, and {@link io.vigil.webhook.Targets} refuses a
 * receiver address that would reach inside the deployment (SSRF). Subscriptions and the deliverer build on them.
 */
@NullMarked
package io.vigil.webhook;

import org.jspecify.annotations.NullMarked;
