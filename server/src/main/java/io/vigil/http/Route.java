package io.vigil.http;

import java.util.Objects;

/**
 * One entry of the route table: a method and a path pattern below {@code /client/v4}, whose
 * {@code {name}} segments become path parameters.
 */
public record Route(String method, String pattern, Handler handler) {
    public Route {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(handler, "handler == null");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("pattern must start with '/': " + pattern);
        }
    }

    static Route get(String pattern, Handler handler) {
        return new Route("GET", pattern, handler);
    }

    static Route put(String pattern, Handler handler) {
        return new Route("PUT", pattern, handler);
    }

    static Route patch(String pattern, Handler handler) {
        return new Route("PATCH", pattern, handler);
    }

    static Route delete(String pattern, Handler handler) {
        return new Route("DELETE", pattern, handler);
    }

    static Route post(String pattern, Handler handler) {
        return new Route("POST", pattern, handler);
    }
}
