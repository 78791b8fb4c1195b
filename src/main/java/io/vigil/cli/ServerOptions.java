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

    /** As the canonical constructor, with no scanner. */
    public ServerOptions(
            InetSocketAddress address,
            RateLimit rateLimit,
            @Nullable InetSocketAddress metricsAddress,
            @Nullable TlsFiles tls,
            Duration sealEvery,
            Duration expireEvery,
            ExpiryPolicy expiry,
            @Nullable SyncSchedule sync,
            boolean privateWebhookTargets,
            List<Path> witnesses) {
        this(
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
                List.of());
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
                List.of());
    }

    /** These options, with {@code /metrics} served on {@code metrics}. */
    public ServerOptions withMetrics(InetSocketAddress metrics) {
        return new ServerOptions(
                address,
                rateLimit,
                metrics,
                tls,
                sealEvery,
                expireEvery,
                expiry,
                sync,
                privateWebhookTargets,
                witnesses,
                scanners);
    }

    /** These options, with classifications expiring by {@code policy}. */
    public ServerOptions withExpiry(ExpiryPolicy policy) {
        return new ServerOptions(
                address,
                rateLimit,
                metricsAddress,
                tls,
                sealEvery,
                expireEvery,
                policy,
                sync,
                privateWebhookTargets,
                witnesses,
                scanners);
    }

    /** These options, running {@code schedule}'s sync. */
    public ServerOptions withSync(SyncSchedule schedule) {
        return new ServerOptions(
                address,
                rateLimit,
                metricsAddress,
                tls,
                sealEvery,
                expireEvery,
                expiry,
                schedule,
                privateWebhookTargets,
                witnesses,
                scanners);
    }

    /** These options, letting webhook targets be private or loopback addresses and plain http. */
    public ServerOptions withPrivateWebhookTargets() {
        return new ServerOptions(
                address,
                rateLimit,
                metricsAddress,
                tls,
                sealEvery,
                expireEvery,
                expiry,
                sync,
                true,
                witnesses,
                scanners);
    }

    /** These options, writing each new checkpoint to {@code files} too (witnesses outside the data directory). */
    public ServerOptions withWitnesses(List<Path> files) {
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
                files,
                scanners);
    }

    /** These options, serving HTTPS with {@code files}. */
    public ServerOptions withTls(TlsFiles files) {
        return new ServerOptions(
                address,
                rateLimit,
                metricsAddress,
                files,
                sealEvery,
                expireEvery,
                expiry,
                sync,
                privateWebhookTargets,
                witnesses,
                scanners);
    }

    /** These options, scans run by {@code list} (the operator's scanner commands). */
    public ServerOptions withScanners(List<Scanner> list) {
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
                list);
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
