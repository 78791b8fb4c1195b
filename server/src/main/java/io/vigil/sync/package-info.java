/**
 * Sync with Cloudflare: {@link io.vigil.sync.Sync} mirrors an account's insights from a Cloudflare-compatible
 * API ({@link io.vigil.sync.Upstream}, which keeps to the API's rate limits and a request budget) into the store
 * through the import path, and brings in the decisions made upstream through the domain's rules, recorded with
 * the actor {@code upstream} (docs/decisions.md, "Sync with Cloudflare").
 */
@NullMarked
package io.vigil.sync;

import org.jspecify.annotations.NullMarked;
