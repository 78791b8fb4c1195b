package io.vigil.webhook;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/** Sends one delivery and answers the receiver's status. */
public interface Transport extends AutoCloseable {
    /** How long a receiver may take to connect, and to answer once connected. */
    Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Posts {@code body} to the checked {@code target}, reaching only the addresses its check resolved.
     *
     * @throws InterruptedException if the calling thread was interrupted meanwhile
     */
    int post(Targets.Target target, Map<String, String> headers, byte[] body) throws IOException, InterruptedException;

    /**
     * Posts {@code body} as a Standard Webhooks message: JSON, with its id, its time (seconds since the epoch) and
     * {@code secret}'s signature (or signatures) over them.
     */
    default int postSigned(Targets.Target target, Signer secret, String id, long timestamp, byte[] body)
            throws IOException, InterruptedException {
        return post(
                target,
                Map.of(
                        "content-type",
                        "application/json",
                        "user-agent",
                        "Vigil-Webhooks/1",
                        "webhook-id",
                        id,
                        "webhook-timestamp",
                        Long.toString(timestamp),
                        "webhook-signature",
                        secret.sign(id, timestamp, body)),
                body);
    }

    /** Closes connections kept open that have waited too long for another delivery. */
    default void closeIdle() {}

    /** Closes every connection kept open. */
    @Override
    default void close() {}

    /**
     * Plain HTTP/1.1 with bounded timeouts, connections kept open between deliveries, never following a redirect (a
     * 3xx is a failed delivery); https with the JDK's default trust.
     */
    static Transport http() {
        try {
            return http(SSLContext.getDefault().getSocketFactory());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has a default TLS context", e);
        }
    }

    /** As {@link #http()}, with https connections made by {@code tls} (whose trust decides which receivers pass). */
    static Transport http(SSLSocketFactory tls) {
        return new Http1Transport(tls, CONNECT_TIMEOUT, ANSWER_TIMEOUT);
    }
}
