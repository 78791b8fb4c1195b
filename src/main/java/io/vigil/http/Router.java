package io.vigil.http;

import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.error.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Matches a method and path against the route table. Immutable and thread-safe. */
final class Router {
    /** A matched route and its decoded path parameters. */
    record Match(Route route, Map<String, String> params) {}

    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * Finds the route for {@code method} and {@code rawPath} (below the base path, not decoded).
     *
     * @throws NotFoundException if no route has that path
     * @throws MethodNotAllowedException if routes have that path, but not that method
     * @throws InvalidRequestException if a path parameter is not valid percent-encoded UTF-8
     */
    Match match(String method, String rawPath) {
        if (!rawPath.startsWith("/")) {
            throw noRoute();
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = matchPath(route.segments(), segments, rawPath);
            if (params != null) {
                if (route.method().equals(method)) {
                    return new Match(route, params);
                }
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            throw new MethodNotAllowedException(method, String.join(", ", allowed));
        }
        throw noRoute();
    }

    private static @Nullable Map<String, String> matchPath(List<String> pattern, String[] segments, String rawPath) {
        if (pattern.size() != segments.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String expected = pattern.get(i);
            if (expected.startsWith("{")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                params.put(expected.substring(1, expected.length() - 1), decode(segments[i], rawPath));
            } else if (!expected.equals(segments[i])) {
                return null;
            }
        }
        return params;
    }

    /** Strict RFC 3986 percent-decoding of one path segment ({@code +} stays a plus). */
    static String decode(String segment, String rawPath) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                int hi = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
                int lo = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw PathIds.invalidIdentifier(rawPath);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw PathIds.invalidIdentifier(rawPath);
        }
    }

    static NotFoundException noRoute() {
        return new NotFoundException(ErrorCode.NO_ROUTE, "No route for that URI");
    }
}
