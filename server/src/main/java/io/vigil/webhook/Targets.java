package io.vigil.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which receiver addresses a delivery may reach. A target is an absolute {@code https} (or, when allowed,
 * {@code http}) URL with no user info; every address its host resolves to must be public: not loopback, link-local
 * (which holds the cloud metadata services, 169.254.169.254 and fd00:ec2::254 included), private, unique-local,
 * carrier-grade NAT, multicast or unspecified — unless the operator allows private targets (tests and closed
 * networks). Checked when a subscription is made and again, after resolution, before each delivery.
 */
public final class Targets {
    /** A name that resolves this way, for tests and for the operator's own DNS. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /**
     * A checked target: its URL and the addresses its host resolved to, all allowed; a delivery connects to these
     * and resolves nothing itself.
     */
    public record Target(URI uri, List<InetAddress> addresses) {
        public Target {
            addresses = List.copyOf(addresses);
        }

        /** The host as a TLS peer and SNI name know it: an IPv6 literal without its brackets. */
        String host() {
            String host = uri.getHost();
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    /** @param allowPrivate let targets reach loopback and private addresses, and use plain http */
    public Targets(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The system's resolver. */
    public static Resolver systemResolver() {
        return host -> List.of(InetAddress.getAllByName(host));
    }

    /**
     * The target {@code url} as a URI, checked.
     *
     * @throws IllegalArgumentException saying why it is refused
     */
    public URI check(String url) {
        return resolve(url).uri();
    }

    /**
     * The target {@code url}, checked, with the addresses its host resolves to now.
     *
     * @throws IllegalArgumentException saying why it is refused
     */
    public Target resolve(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            throw new IllegalArgumentException("a target must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a target must not carry user info");
        }
        String host = uri.getHost();
        if ((host == null || host.isEmpty()) && uri.getRawAuthority() != null) {
            throw new IllegalArgumentException(
                    "the target's host '" + uri.getRawAuthority().replaceFirst(":\\d*$", "")
                            + "' is neither a DNS name nor an IP address written in full (as 127.0.0.1 or [::1])");
        }
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("a target must name a host");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the target's host '" + host + "' does not resolve", e);
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("the target's host '" + host + "' does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new IllegalArgumentException("the target's host '" + host + "' resolves to "
                            + address.getHostAddress() + ", which is not a public address (loopback, private,"
                            + " link-local or metadata); an operator may allow private targets");
                }
            }
        }
        return new Target(uri, addresses);
    }

    /** Whether {@code address} is one the internet routes to someone else. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 224; // multicast and reserved
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7 (fd00:ec2::254, the EC2 metadata service)
                return false;
            }
            boolean v4Mapped = true; // ::ffff:a.b.c.d reaches the IPv4 address
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
