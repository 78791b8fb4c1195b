package io.vigil.http;

import io.vigil.error.ErrorCode;
import io.vigil.error.NotFoundException;
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
     * @throws io.vigil.error.InvalidRequestException if a path parameter is not well-formed percent-encoded UTF-8
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

    /** One path segment, decoded strictly ({@code +} stays a plus); any problem is an invalid identifier. */
    static String decode(String segment, String rawPath) {
        return PercentDecoding.decode(
                segment,
                false,
                problem -> PathIds.invalidIdentifier(rawPath),
                problem -> PathIds.invalidIdentifier(rawPath));
    }

    static NotFoundException noRoute() {
        return new NotFoundException(ErrorCode.NO_ROUTE, "No route for that URI");
    }
}
