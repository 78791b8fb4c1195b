package io.vigil.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * {@link Transport} over plain HTTP/1.1 on blocking sockets (the deliverer's lanes are virtual threads): each
 * request is one write and its answer is read in the calling thread, with none of an asynchronous client's
 * hand-offs. Connections are kept open between deliveries, per receiver origin, and are opened only to the
 * addresses the target check resolved for this batch, so a name cannot be re-pointed between the check and the
 * connection. A redirect is answered as its status, never followed. Thread-safe.
 */
final class Http1Transport implements Transport {
    /** Idle connections kept per origin: enough for every lane of a few subscriptions to one receiver. */
    private static final int MAX_IDLE = 4 * Deliverer.LANES;

    /** How long a connection may wait unused: less than receivers commonly keep theirs, so it is rarely found closed. */
    private static final Duration IDLE = Duration.ofSeconds(4);

    private final SSLSocketFactory tls;
    private final Duration connectTimeout;
    private final Duration answerTimeout;
    private final Map<String, Idle> idle = new ConcurrentHashMap<>();

    Http1Transport(SSLSocketFactory tls, Duration connectTimeout, Duration answerTimeout) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.answerTimeout = answerTimeout;
    }

    @Override
    public int post(Targets.Target target, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        URI uri = target.uri();
        boolean secure = uri.getScheme().equalsIgnoreCase("https");
        String host = target.host();
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        String origin = (secure ? "https://" : "http://") + host.toLowerCase(Locale.ROOT) + ":" + port;
        byte[] request = request(uri, headers, body);
        long deadline = System.nanoTime() + answerTimeout.toNanos();
        Idle pool = idle.computeIfAbsent(origin, k -> new Idle());
        Http1Connection kept = pool.take(target.addresses(), System.nanoTime() - IDLE.toNanos());
        if (kept != null) {
            try {
                return finish(pool, kept, request, deadline);
            } catch (IOException e) {
                kept.close();
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(e);
                }
                if (kept.heard()) {
                    throw e;
                }
                // closed by the receiver while it waited, most likely, as its siblings may be: send on a new one
                pool.closeAll();
            }
        }
        Http1Connection fresh = open(target, host, port, secure);
        try {
            return finish(pool, fresh, request, deadline);
        } catch (IOException e) {
            fresh.close();
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            throw e;
        }
    }

    private static int finish(Idle pool, Http1Connection connection, byte[] request, long deadline) throws IOException {
        Http1Connection.Answer answer = connection.exchange(request, deadline);
        if (answer.reusable()) {
            pool.put(connection);
        } else {
            connection.close();
        }
        return answer.status();
    }

    private Http1Connection open(Targets.Target target, String host, int port, boolean secure)
            throws IOException, InterruptedException {
        IOException failure = null;
        for (InetAddress address : target.addresses()) {
            try {
                return Http1Connection.open(address, port, host, secure ? tls : null, connectTimeout);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(e);
                }
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure != null ? failure : new IOException("the target resolved to no address");
    }

    private static InterruptedException interrupted(IOException cause) {
        InterruptedException e = new InterruptedException("interrupted while delivering");
        e.initCause(cause);
        return e;
    }

    /** The request's bytes: head and body in one array, written at once. */
    static byte[] request(URI uri, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(512);
        String path = uri.getRawPath();
        head.append("POST ").append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nhost: ").append(uri.getRawAuthority()).append("\r\n");
        headers.forEach((name, value) -> {
            if (!isToken(name) || !isFieldValue(value)) {
                throw new IllegalArgumentException("not a header a request may carry: " + name);
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        head.append("content-length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void closeIdle() {
        long before = System.nanoTime() - IDLE.toNanos();
        for (Idle pool : idle.values()) {
            pool.closeIdleBefore(before);
        }
    }

    @Override
    public void close() {
        for (Idle pool : idle.values()) {
            pool.closeAll();
        }
    }

    /** One origin's idle connections, the most recently used on top. */
    private static final class Idle {
        private final ArrayDeque<Http1Connection> connections = new ArrayDeque<>();

        /** The most recently used connection to one of {@code addresses} idle since {@code after}, if any. */
        @Nullable
        Http1Connection take(List<InetAddress> addresses, long after) {
            List<Http1Connection> stale = new ArrayList<>();
            Http1Connection found = null;
            synchronized (this) {
                while (found == null && !connections.isEmpty()) {
                    Http1Connection c = connections.pop();
                    if (c.idleSince() - after > 0 && addresses.contains(c.address())) {
                        found = c;
                    } else {
                        stale.add(c); // waited too long, or to an address the target no longer resolves to
                    }
                }
            }
            stale.forEach(Http1Connection::close);
            return found;
        }

        void put(Http1Connection connection) {
            connection.idleSince(System.nanoTime());
            Http1Connection extra = null;
            synchronized (this) {
                connections.push(connection);
                if (connections.size() > MAX_IDLE) {
                    extra = connections.removeLast();
                }
            }
            if (extra != null) {
                extra.close();
            }
        }

        void closeIdleBefore(long before) {
            List<Http1Connection> stale = new ArrayList<>();
            synchronized (this) {
                for (Iterator<Http1Connection> it = connections.iterator(); it.hasNext(); ) {
                    Http1Connection c = it.next();
                    if (c.idleSince() - before <= 0) {
                        stale.add(c);
                        it.remove();
                    }
                }
            }
            stale.forEach(Http1Connection::close);
        }

        void closeAll() {
            List<Http1Connection> all;
            synchronized (this) {
                all = new ArrayList<>(connections);
                connections.clear();
            }
            all.forEach(Http1Connection::close);
        }
    }
}
