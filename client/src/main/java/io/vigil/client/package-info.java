/**
 * A typed client of Cloudflare's Security Center Insights API ({@code /client/v4/…/security-center/insights}),
 * for Cloudflare itself or for Vigil, which answers the same API.
 *
 * <pre>{@code
 * try (InsightsClient cf = InsightsClient.builder().apiToken(token).build()) {
 *     for (Insight insight : cf.account(accountId).insights().list(InsightQuery.builder()
 *             .severity(Severity.CRITICAL)
 *             .build())) { // pages are fetched as the loop reaches them
 *         cf.account(accountId).insights().classify(insight.id(), Classification.FALSE_POSITIVE, "a test zone");
 *     }
 * }
 * }</pre>
 *
 * <p>{@link io.vigil.client.InsightsClient} is the entry point; {@link io.vigil.client.Account} and {@link
 * io.vigil.client.Zone} hold Cloudflare's operations. Vigil's own routes (bulk triage, expiring decisions,
 * webhooks, the sealed change log) are reached only through {@link io.vigil.client.InsightsClient#vigil()} and
 * typed in {@link io.vigil.client.vigil}, so code written against Cloudflare never calls one by mistake.
 *
 * <p>Failures are unchecked: {@link io.vigil.client.CloudflareApiException} (an error answer, by status) or {@link
 * io.vigil.client.ApiConnectionException} (no answer), both {@link io.vigil.client.CloudflareException}s. Which
 * requests are retried, and when, is said on {@link io.vigil.client.InsightsClient}.
 */
@NullMarked
package io.vigil.client;

import org.jspecify.annotations.NullMarked;
