package io.vigil.cli;

import io.vigil.auth.RateLimit;
import io.vigil.http.TlsFiles;
import io.vigil.insight.ExpiryPolicy;
import io.vigil.insight.Insight;
import io.vigil.scanner.Scanner;
import io.vigil.sync.SyncSchedule;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How {@code vigil serve} listens: the API's address, each credential's rate limit, where {@code /metrics} is
 * served ({@code null}: metrics off), the certificate and key of HTTPS ({@code null}: plain HTTP), how often this
 * server seals the change log and resets expired classifications ({@link Duration#ZERO}: never), and the rules for
 * expiring classifications, the sync it runs ({@code null}: none), and whether webhook targets may be private or
 * loopback addresses (tests and closed networks; docs/decisions.md).
 */
public record ServerOptions(
        InetSocketAddress address,
        RateLimit rateLimit,
        @Nullable InetSocketAddress metricsAddress,
        @Nullable TlsFiles tls,
        Duration sealEvery,
        Duration expireEvery,
        ExpiryPolicy expiry,
        @Nullable SyncSchedule sync,
        boolean privateWebhookTargets,
        List<Path> witnesses,
        List<Scanner> scanners) {
    /** How often a server seals the change log unless told otherwise. */
    public static final Duration SEAL_EVERY = Duration.ofSeconds(1);

    /** How often a server resets the classifications that expired unless told otherwise: within this of expiry. */
    public static final Duration EXPIRE_EVERY = Duration.ofSeconds(10);

    public ServerOptions {
        Objects.requireNonNull(address, "address == null");
        Objects.requireNonNull(rateLimit, "rateLimit == null");
        Objects.requireNonNull(sealEvery, "sealEvery == null");
        Objects.requireNonNull(expireEvery, "expireEvery == null");
        Objects.requireNonNull(expiry, "expiry == null");
        witnesses = List.copyOf(witnesses);
        scanners = List.copyOf(scanners);
        if (sealEvery.isNegative() || expireEvery.isNegative()) {
            throw new IllegalArgumentException("a negative period: " + sealEvery + ", " + expireEvery);
        }
    }

    /** Plain HTTP on {@code address}, no rate limit, no metrics, sealing every second, expiring every 10 s. */
    public static ServerOptions plain(InetSocketAddress address) {
        return new ServerOptions(
                address,
                RateLimit.OFF,
                null,
                null,
                SEAL_EVERY,
                EXPIRE_EVERY,
                ExpiryPolicy.NONE,
                null,
                false,
                List.of(),
                List.of());
    }

    /** These options, with {@code /metrics} served on {@code metrics}. */
    public ServerOptions withMetrics(InetSocketAddress metrics) {
        return with(c -> c.metricsAddress = metrics);
    }

    /** These options, with classifications expiring by {@code policy}. */
    public ServerOptions withExpiry(ExpiryPolicy policy) {
        return with(c -> c.expiry = policy);
    }

    /** These options, running {@code schedule}'s sync. */
    public ServerOptions withSync(SyncSchedule schedule) {
        return with(c -> c.sync = schedule);
    }

    /** These options, letting webhook targets be private or loopback addresses and plain http. */
    public ServerOptions withPrivateWebhookTargets() {
        return with(c -> c.privateWebhookTargets = true);
    }

    /** These options, writing each new checkpoint to {@code files} too (witnesses outside the data directory). */
    public ServerOptions withWitnesses(List<Path> files) {
        return with(c -> c.witnesses = files);
    }

    /** These options, serving HTTPS with {@code files}. */
    public ServerOptions withTls(TlsFiles files) {
        return with(c -> c.tls = files);
    }

    /** These options, scans run by {@code list} (the operator's scanner commands). */
    public ServerOptions withScanners(List<Scanner> list) {
        return with(c -> c.scanners = list);
    }

    private ServerOptions with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** These options' components, to change one and build anew. */
    private static final class Copy {
        InetSocketAddress address;
        RateLimit rateLimit;

        @Nullable
        InetSocketAddress metricsAddress;

        @Nullable
        TlsFiles tls;

        Duration sealEvery;
        Duration expireEvery;
        ExpiryPolicy expiry;

        @Nullable
        SyncSchedule sync;

        boolean privateWebhookTargets;
        List<Path> witnesses;
        List<Scanner> scanners;

        Copy(ServerOptions o) {
            address = o.address;
            rateLimit = o.rateLimit;
            metricsAddress = o.metricsAddress;
            tls = o.tls;
            sealEvery = o.sealEvery;
            expireEvery = o.expireEvery;
            expiry = o.expiry;
            sync = o.sync;
            privateWebhookTargets = o.privateWebhookTargets;
            witnesses = o.witnesses;
            scanners = o.scanners;
        }

        ServerOptions build() {
            return new ServerOptions(
                    address,
                    rateLimit,
                    metricsAddress,
                    tls,
                    sealEvery,
                    expireEvery,
                    expiry,
                    sync,
                    privateWebhookTargets,
                    witnesses,
                    scanners);
        }
    }

    /**
     * Reads a line a scanner prints as {@code vigil insights import} reads a line of its file.
     *
     * @throws IllegalArgumentException naming what is wrong, if it is not an insight
     */
    public static Insight scannedLine(byte[] line) {
        return InsightLine.parse(line, Instant.now(), new SharedStrings());
    }
}
