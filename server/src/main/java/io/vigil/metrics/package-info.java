/**
 * Operational metrics: {@link io.vigil.metrics.Metrics} (the Micrometer registry with the JVM's and the
 * process's meters, exposed in Prometheus' text format) and {@link io.vigil.metrics.MetricsServer} (the
 * {@code /metrics} listener on a port of its own). The other packages register their meters on the
 * {@link io.micrometer.core.instrument.MeterRegistry} that {@code Main} hands them; nothing here knows about
 * insights, tenants or credentials, so a scrape carries no tenant data.
 */
@NullMarked
package io.vigil.metrics;

import org.jspecify.annotations.NullMarked;
