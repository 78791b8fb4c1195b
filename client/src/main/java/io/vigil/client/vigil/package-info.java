/**
 * Vigil's extensions of the Insights API, below {@code /client/v4/vigil/}: expiring decisions, bulk triage with
 * preview, webhook subscriptions, the sealed change log (checkpoints, seals, signing keys, inclusion proofs) and the
 * sync's status. Reached only through {@link io.vigil.client.InsightsClient#vigil()}; Cloudflare answers none of
 * these routes (404).
 *
 * <p>The operations are interfaces, implemented by the client over its own transport (which stays private to
 * {@code io.vigil.client}); a test may implement them with a fake. The records mirror the wire fields.
 *
 * <p>Retries follow the client's rule ({@link io.vigil.client.InsightsClient}): the {@code GET}s and a webhook's
 * pause/resume are retried; a bulk change only as a dry run; making, replaying, rotating or deleting a webhook
 * never.
 */
@NullMarked
package io.vigil.client.vigil;

import org.jspecify.annotations.NullMarked;
