package io.vigil.cli;

import io.vigil.auth.RateLimit;
import io.vigil.http.TlsFiles;
import io.vigil.insight.ExpiryPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@code vigil serve} listens: the API's address, each credential's rate limit, where {@code /metrics} is
 * served ({@code null}: metrics off), the certificate and key of HTTPS ({@code null}: plain HTTP), and how often
 * this server seals the change log ({@link Duration#ZERO}: never), and the rules for expiring classifications.
 */
public record ServerOptions(
        InetSocketAddress address,
        RateLimit rateLimit,
        @Nullable InetSocketAddress metricsAddress,
        @Nullable TlsFiles tls,
        Duration sealEvery,
        ExpiryPolicy expiry) {
    /** How often a server seals the change log unless told otherwise. */
    public static final Duration SEAL_EVERY = Duration.ofSeconds(1);

    public ServerOptions {
        Objects.requireNonNull(address, "address == null");
        Objects.requireNonNull(rateLimit, "rateLimit == null");
        Objects.requireNonNull(sealEvery, "sealEvery == null");
        Objects.requireNonNull(expiry, "expiry == null");
        if (sealEvery.isNegative()) {
            throw new IllegalArgumentException("sealEvery < 0: " + sealEvery);
        }
    }

    /** Plain HTTP on {@code address}, no rate limit, no metrics, sealing every second. */
    public static ServerOptions plain(InetSocketAddress address) {
        return new ServerOptions(address, RateLimit.OFF, null, null, SEAL_EVERY, ExpiryPolicy.NONE);
    }

    /** These options, with {@code /metrics} served on {@code metrics}. */
    public ServerOptions withMetrics(InetSocketAddress metrics) {
        return new ServerOptions(address, rateLimit, metrics, tls, sealEvery, expiry);
    }

    /** These options, with classifications expiring by {@code policy}. */
    public ServerOptions withExpiry(ExpiryPolicy policy) {
        return new ServerOptions(address, rateLimit, metricsAddress, tls, sealEvery, policy);
    }

    /** These options, serving HTTPS with {@code files}. */
    public ServerOptions withTls(TlsFiles files) {
        return new ServerOptions(address, rateLimit, metricsAddress, files, sealEvery, expiry);
    }
}
