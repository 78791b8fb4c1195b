package io.vigil.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * One request the client makes, and whether it may be sent again after a failure.
 *
 * <p>Which requests are repeatable is decided here, once: every {@code GET}; the API's {@code PUT} ({@code
 * …/dismiss}: the same state whatever the number of times) and its {@code PATCH}es ({@code …/classification}: a
 * value already set answers 200 and records nothing, docs/decisions.md; a webhook's {@code paused}). Not a {@code
 * POST} (a scan started twice spends the quota twice; a bulk applied twice answers "unchanged" for what it changed;
 * a webhook made, replayed or rotated twice is two of them) unless its caller marks it repeatable (a bulk's dry
 * run changes nothing), and not a {@code DELETE} (repeated after a lost answer, it would report a removal that
 * succeeded as a 404). Neither API takes an idempotency key that would make a {@code POST} safe to repeat.
 */
record Call(
        String method, String path, Query query, @Nullable JsonNode body, boolean repeatable) {
    static Call get(String path, Query query) {
        return new Call("GET", path, query, null, true);
    }

    static Call get(String path) {
        return get(path, new Query());
    }

    static Call put(String path, JsonNode body) {
        return new Call("PUT", path, new Query(), body, true);
    }

    static Call patch(String path, JsonNode body) {
        return new Call("PATCH", path, new Query(), body, true);
    }

    static Call post(String path, JsonNode body) {
        return new Call("POST", path, new Query(), body, false);
    }

    static Call delete(String path) {
        return new Call("DELETE", path, new Query(), null, false);
    }

    /** This call, marked safe to send again: for a {@code POST} that changes nothing (a dry run). */
    Call asRepeatable() {
        return new Call(method, path, query, body, true);
    }

    /** {@code GET /accounts/…/security-center/insights}, for messages: the method and path, no query. */
    String describe() {
        return method + " " + path;
    }
}
