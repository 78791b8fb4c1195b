/**
 * Background work: every periodic task of a server (sealing, expiry, sync, webhook deliveries) is a {@link
 * io.vigil.job.Job} that {@link io.vigil.job.Jobs} runs on one scheduler, measures, reports and stops the same way.
 */
@NullMarked
package io.vigil.job;

import org.jspecify.annotations.NullMarked;
