package io.vigil.webhook;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 connection to a receiver, to the address the target check resolved (never resolved again): writes
 * a request, reads the answer's status line and headers, and skips a short body so that the connection can carry
 * the next request. One exchange at a time. Every read waits at most until the exchange's deadline.
 */
final class Http1Connection implements Closeable {
    /** The longest answer head read; a longer one fails the exchange. */
    private static final int MAX_HEAD = 64 * 1024;

    /** The longest answer body skipped to keep the connection; past it the connection is closed instead. */
    private static final long MAX_SKIPPED = 256 * 1024;

    /** What an exchange came to: the status, and whether the connection may carry another request. */
    record Answer(int status, boolean reusable) {}

    private final Socket socket;
    private final InetAddress address;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private long deadline;
    private boolean heard;
    private long idleSince;

    private Http1Connection(Socket socket, InetAddress address) throws IOException {
        this.socket = socket;
        this.address = address;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to {@code address}, and for {@code tls} shakes hands as {@code host} (SNI, and the certificate must
     * name it).
     */
    static Http1Connection open(
            InetAddress address, int port, String host, @Nullable SSLSocketFactory tls, Duration connectTimeout)
            throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true); // a request is one write; its answer must not wait for a delayed ACK
            plain.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
        } catch (SocketTimeoutException e) {
            plain.close();
            throw new HttpConnectTimeoutException("HTTP connect timed out");
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        if (tls == null) {
            return new Http1Connection(plain, address);
        }
        try {
            SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            if (!isAddressLiteral(host)) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            secure.setSSLParameters(parameters);
            secure.setSoTimeout((int) connectTimeout.toMillis());
            secure.startHandshake();
            return new Http1Connection(secure, address);
        } catch (SocketTimeoutException e) {
            plain.close();
            throw new HttpConnectTimeoutException("HTTP connect timed out");
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    InetAddress address() {
        return address;
    }

    /** Whether any byte of the current exchange's answer arrived: if none did, the receiver may not have seen it. */
    boolean heard() {
        return heard;
    }

    long idleSince() {
        return idleSince;
    }

    void idleSince(long nanos) {
        idleSince = nanos;
    }

    /**
     * Sends {@code request} (head and body) and reads the answer, by {@code deadlineNanos} ({@link System#nanoTime}).
     */
    Answer exchange(byte[] request, long deadlineNanos) throws IOException {
        deadline = deadlineNanos;
        heard = false;
        out.write(request);
        out.flush();
        while (true) {
            String statusLine = line();
            // HTTP/1.x SSS reason
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x answer: " + printable(statusLine));
            }
            int status = parseStatus(statusLine.substring(9, 12));
            boolean http10 = statusLine.charAt(7) == '0';
            Head head = head(http10);
            if (status >= 100 && status < 200 && status != 101) {
                continue; // an interim answer: the final one follows
            }
            boolean reusable = head.keepAlive && status != 101 && skipBody(status, head);
            return new Answer(status, reusable && position == limit); // bytes past the answer: not to be trusted
        }
    }

    /** The headers that decide how the body ends and whether the connection stays. */
    private record Head(long contentLength, boolean chunked, boolean keepAlive) {}

    private Head head(boolean http10) throws IOException {
        long contentLength = -1;
        boolean chunked = false;
        boolean keepAlive = !http10;
        boolean framingClear = true;
        int read = 0;
        for (String line = line(); !line.isEmpty(); line = line()) {
            read += line.length() + 2;
            if (read > MAX_HEAD) {
                throw new IOException("the answer's head is longer than " + MAX_HEAD + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("a malformed answer header: " + printable(line));
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> {
                    long length = parseLength(value);
                    framingClear &= length >= 0 && (contentLength < 0 || contentLength == length);
                    contentLength = length;
                }
                case "transfer-encoding" -> chunked = value.endsWith("chunked");
                case "connection" -> {
                    if (hasToken(value, "close")) {
                        keepAlive = false;
                    } else if (hasToken(value, "keep-alive")) {
                        keepAlive = true;
                    }
                }
                default -> {}
            }
        }
        // a length the answer does not state clearly: the connection cannot be trusted with another request
        return new Head(contentLength, chunked, keepAlive && framingClear);
    }

    /** Skips the body; false if the connection cannot carry another request (a long body, or one that ends with it). */
    private boolean skipBody(int status, Head head) throws IOException {
        if (status == 204 || status == 304) {
            return true;
        }
        if (head.chunked) {
            long skipped = 0;
            while (true) {
                String sizeLine = line();
                int extension = sizeLine.indexOf(';');
                long size = parseHex((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim());
                if (size == 0) {
                    for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                        // trailers carry nothing a sender needs
                    }
                    return true;
                }
                skipped += size;
                if (skipped > MAX_SKIPPED) {
                    return false;
                }
                skip(size);
                if (!line().isEmpty()) {
                    throw new IOException("a chunk of the answer does not end where its size says");
                }
            }
        }
        if (head.contentLength < 0 || head.contentLength > MAX_SKIPPED) {
            return false; // the body ends when the receiver closes, or is too long to read through
        }
        skip(head.contentLength);
        return true;
    }

    private void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            if (position == limit) {
                fill();
            }
            int n = (int) Math.min(left, limit - position);
            position += n;
            left -= n;
        }
    }

    /** One line of the answer, without its CRLF (a bare LF ends one too). */
    private String line() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == limit) {
                fill();
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int end = position;
            boolean complete = position < limit;
            if (complete) {
                position++; // the LF
            }
            if (!complete || line != null) {
                if (line == null) {
                    line = new StringBuilder(64);
                }
                line.append(new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
                if (line.length() > MAX_HEAD) {
                    throw new IOException("an answer line is longer than " + MAX_HEAD + " bytes");
                }
                if (!complete) {
                    continue;
                }
                return stripCr(line.toString());
            }
            return stripCr(new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
        }
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private void fill() throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new HttpTimeoutException("request timed out");
        }
        socket.setSoTimeout((int)
                Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis())));
        int n;
        try {
            n = in.read(buffer);
        } catch (SocketTimeoutException e) {
            throw new HttpTimeoutException("request timed out");
        }
        if (n < 0) {
            throw new IOException("the receiver closed the connection" + (heard ? " mid-answer" : " before answering"));
        }
        heard = true;
        position = 0;
        limit = n;
    }

    private static int parseStatus(String digits) throws IOException {
        try {
            int status = Integer.parseInt(digits);
            if (status >= 100 && status <= 999) {
                return status;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IOException("not an HTTP status: " + printable(digits));
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseHex(String value) throws IOException {
        try {
            long size = Long.parseLong(value, 16);
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IOException("not a chunk size: " + printable(value));
    }

    private static boolean hasToken(String value, String token) {
        for (String part : value.split(",", -1)) {
            if (part.trim().equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing more to do with it
        }
    }
}
