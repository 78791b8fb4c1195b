package io.vigil.cli;

import io.vigil.auth.RateLimit;
import io.vigil.http.TlsFiles;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@code vigil serve} listens: the API's address, each credential's rate limit, where {@code /metrics} is
 * served ({@code null}: metrics off), and the certificate and key of HTTPS ({@code null}: plain HTTP).
 */
public record ServerOptions(
        InetSocketAddress address,
        RateLimit rateLimit,
        @Nullable InetSocketAddress metricsAddress,
        @Nullable TlsFiles tls) {
    public ServerOptions {
        Objects.requireNonNull(address, "address == null");
        Objects.requireNonNull(rateLimit, "rateLimit == null");
    }

    /** Plain HTTP on {@code address}, no rate limit, no metrics. */
    public static ServerOptions plain(InetSocketAddress address) {
        return new ServerOptions(address, RateLimit.OFF, null, null);
    }

    /** These options, with {@code /metrics} served on {@code metrics}. */
    public ServerOptions withMetrics(InetSocketAddress metrics) {
        return new ServerOptions(address, rateLimit, metrics, tls);
    }

    /** These options, serving HTTPS with {@code files}. */
    public ServerOptions withTls(TlsFiles files) {
        return new ServerOptions(address, rateLimit, metricsAddress, files);
    }
}
