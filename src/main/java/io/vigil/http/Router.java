package io.vigil.http;

import io.vigil.error.ErrorCode;
import io.vigil.error.NotFoundException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Matches a method and path against the route table. The patterns are split once, when the router is made, so
 * a request splits only its own path. Immutable and thread-safe.
 */
final class Router {
    /**
     * A matched route, its decoded path parameters, and its template under the base path ({@code
     * /client/v4/accounts/{account_id}/…}), the label of its metrics and log lines.
     */
    record Match(Route route, Map<String, String> params, String template) {}

    /**
     * A route with its pattern taken apart: {@code names[i]} is the parameter a segment binds, or {@code null}
     * where the segment must equal {@code literals[i]}.
     */
    private static final class Compiled {
        final Route route;
        final String[] literals;
        final @Nullable String[] names;
        final String template;

        Compiled(Route route) {
            this.route = route;
            this.literals = route.pattern().substring(1).split("/", -1);
            this.names = new String[literals.length];
            for (int i = 0; i < literals.length; i++) {
                if (literals[i].startsWith("{")) {
                    names[i] = literals[i].substring(1, literals[i].length() - 1);
                }
            }
            this.template = ApiServer.BASE_PATH + route.pattern();
        }
    }

    private final List<Compiled> routes;

    Router(List<Route> routes) {
        this.routes = routes.stream().map(Compiled::new).toList();
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
        // Each segment is decoded at most once, however many routes read it as a parameter.
        @Nullable String[] decoded = new String[segments.length];
        @Nullable Set<String> allowed = null;
        for (Compiled route : routes) {
            Map<String, String> params = matchPath(route, segments, decoded, rawPath);
            if (params != null) {
                if (route.route.method().equals(method)) {
                    return new Match(route.route, params, route.template);
                }
                if (allowed == null) {
                    allowed = new LinkedHashSet<>();
                }
                allowed.add(route.route.method());
            }
        }
        if (allowed != null) {
            throw new MethodNotAllowedException(method, String.join(", ", allowed));
        }
        throw noRoute();
    }

    /**
     * The parameters of {@code route} in {@code segments}, or {@code null} if it does not match. Segments are read
     * in order, so a malformed parameter is refused before a later literal segment could rule the route out.
     */
    private static @Nullable Map<String, String> matchPath(
            Compiled route, String[] segments, @Nullable String[] decoded, String rawPath) {
        String[] literals = route.literals;
        if (literals.length != segments.length) {
            return null;
        }
        @Nullable String[] names = route.names;
        @Nullable Map<String, String> params = null;
        for (int i = 0; i < segments.length; i++) {
            String name = names[i];
            if (name == null) {
                if (!literals[i].equals(segments[i])) {
                    return null;
                }
            } else {
                if (segments[i].isEmpty()) {
                    return null;
                }
                String value = decoded[i];
                if (value == null) {
                    value = decode(segments[i], rawPath);
                    decoded[i] = value;
                }
                if (params == null) {
                    params = new HashMap<>(4);
                }
                params.put(name, value);
            }
        }
        return params == null ? Map.of() : params;
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
