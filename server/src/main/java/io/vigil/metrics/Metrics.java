package io.vigil.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The server's meter registry: Prometheus' when metrics are on, with the JVM's and the process's meters bound;
 * when off, a registry with no backend, whose meters do nothing and cost next to nothing. Thread-safe.
 */
public final class Metrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final @Nullable PrometheusMeterRegistry prometheus;
    private final @Nullable JvmGcMetrics gc;

    private Metrics(MeterRegistry registry, @Nullable PrometheusMeterRegistry prometheus, @Nullable JvmGcMetrics gc) {
        this.registry = registry;
        this.prometheus = prometheus;
        this.gc = gc;
    }

    /** Metrics recorded and exposed in Prometheus' format, with the JVM's and the process's meters. */
    public static Metrics prometheus() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Two of Micrometer's processor meters break Prometheus' naming rules (promtool check metrics): the CPU
        // time in nanoseconds (process_cpu_usage stays), and a gauge whose name ends in _count.
        prometheus
                .config()
                .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
                    }
                });
        new ClassLoaderMetrics().bindTo(prometheus);
        new JvmMemoryMetrics().bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new JvmInfoMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        new FileDescriptorMetrics().bindTo(prometheus);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(prometheus);
        return new Metrics(prometheus, prometheus, gc);
    }

    /** No metrics: every meter registered is a no-op. */
    public static Metrics off() {
        return new Metrics(new CompositeMeterRegistry(), null, null);
    }

    /** Where every component registers its meters (and where later ones, such as backlogs, add theirs). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Whether anything is recorded: false for {@link #off()}. */
    public boolean recording() {
        return prometheus != null;
    }

    /** Every meter in Prometheus' text exposition format (version 0.0.4). */
    String scrape() {
        if (prometheus == null) {
            throw new IllegalStateException("metrics are off");
        }
        return prometheus.scrape();
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
