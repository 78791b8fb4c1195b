/**
 * Vigil's bulk triage, in one place: a {@link io.vigil.bulk.BulkRequest} ({@link io.vigil.bulk.BulkChange}: the
 * same classification or dismissal for many insights), {@link io.vigil.bulk.Bulks} (the one entry point:
 * chooses the insights, applies all or nothing, retries a race), {@link io.vigil.bulk.BulkDecision} (each
 * insight's outcome by the rules of one at a time, and whether the whole may be applied), {@link
 * io.vigil.bulk.StatesToken} (the preview's digest) and the {@link io.vigil.bulk.BulkStore} port. Pure Java: the
 * store applies what is decided here.
 */
@NullMarked
package io.vigil.bulk;

import org.jspecify.annotations.NullMarked;
