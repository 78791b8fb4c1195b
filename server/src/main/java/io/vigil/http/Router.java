package io.vigil.http;

import io.vigil.error.ErrorCode;
import io.vigil.error.NotFoundException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
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
     * where the segment must equal {@code literals[i]}; {@code parameters} are the bound segments' positions.
     */
    private static final class Compiled {
        final Route route;
        final String[] literals;
        final @Nullable String[] names;
        final int[] parameters;
        final String template;

        Compiled(Route route) {
            this.route = route;
            this.literals = route.pattern().substring(1).split("/", -1);
            this.names = new String[literals.length];
            Set<String> distinct = new HashSet<>();
            for (int i = 0; i < literals.length; i++) {
                if (literals[i].startsWith("{")) {
                    names[i] = literals[i].substring(1, literals[i].length() - 1);
                    if (!distinct.add(literals[i])) {
                        throw new IllegalArgumentException("parameter named twice: " + route.pattern());
                    }
                }
            }
            this.parameters = IntStream.range(0, literals.length)
                    .filter(i -> names[i] != null)
                    .toArray();
            this.template = ApiServer.BASE_PATH + route.pattern();
        }

        String name(int position) {
            return Objects.requireNonNull(names[position]);
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
            if (matches(route, segments, decoded, rawPath)) {
                if (route.route.method().equals(method)) {
                    return new Match(route.route, params(route, decoded), route.template);
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
     * Whether {@code route} matches {@code segments}, its parameters then decoded into {@code decoded}. Segments
     * are read in order, so a malformed parameter is refused before a later literal segment could rule the route
     * out.
     */
    private static boolean matches(Compiled route, String[] segments, @Nullable String[] decoded, String rawPath) {
        String[] literals = route.literals;
        if (literals.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (route.names[i] == null) {
                if (!literals[i].equals(segments[i])) {
                    return false;
                }
            } else {
                if (segments[i].isEmpty()) {
                    return false;
                }
                if (decoded[i] == null) {
                    decoded[i] = decode(segments[i], rawPath);
                }
            }
        }
        return true;
    }

    /**
     * The matched route's parameters, as an immutable map made at once, without a hash table to fill first (the
     * request keeps it without copying): routes bind one or two.
     */
    private static Map<String, String> params(Compiled route, @Nullable String[] decoded) {
        int[] at = route.parameters;
        return switch (at.length) {
            case 0 -> Map.of();
            case 1 -> Map.of(route.name(at[0]), value(decoded, at[0]));
            case 2 -> Map.of(route.name(at[0]), value(decoded, at[0]), route.name(at[1]), value(decoded, at[1]));
            default -> {
                Map<String, String> params = new HashMap<>();
                for (int i : at) {
                    params.put(route.name(i), value(decoded, i));
                }
                yield Map.copyOf(params);
            }
        };
    }

    private static String value(@Nullable String[] decoded, int position) {
        return Objects.requireNonNull(decoded[position], "a matched parameter is decoded");
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
