package io.vigil.http;

import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The query string of a request, checked strictly: every parameter must be one the endpoint takes, and
 * none may be empty. Several values of one parameter arrive as repeated keys (as the official SDK sends
 * arrays) or, for list filters, as one comma-separated value.
 */
final class QueryParams {
    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Parses {@code rawQuery} (may be {@code null}) allowing only {@code allowed} names.
     *
     * @throws InvalidRequestException for an unknown, empty or undecodable parameter, or one that is not
     *     well-formed Unicode
     */
    static QueryParams parse(@Nullable String rawQuery, Set<String> allowed) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue; // "a=1&&b=2" and a trailing "&" are harmless
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), null);
                if (!allowed.contains(name)) {
                    throw invalid("unknown query parameter '" + Messages.quote(name) + "'; this endpoint takes "
                            + (allowed.isEmpty()
                                    ? "no query parameters"
                                    : String.join(
                                            ", ", allowed.stream().sorted().toList())));
                }
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
                if (value.isEmpty()) {
                    throw invalid("query parameter '" + name + "' must not be empty");
                }
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new QueryParams(values);
    }

    /** Every value of a list parameter, repeated keys and comma-separated values alike. */
    List<String> list(String name) {
        List<String> all = new ArrayList<>();
        for (String value : values.getOrDefault(name, List.of())) {
            for (String part : value.split(",", -1)) {
                String trimmed = part.strip();
                if (trimmed.isEmpty()) {
                    throw invalid(
                            "query parameter '" + name + "' has an empty value in '" + Messages.quote(value) + "'");
                }
                all.add(trimmed);
            }
        }
        return all;
    }

    /** The value of a single-valued parameter, or {@code null}. */
    @Nullable
    String single(String name) {
        List<String> given = values.get(name);
        if (given == null) {
            return null;
        }
        if (given.size() > 1) {
            throw invalid("query parameter '" + name + "' must be given once, not " + given.size() + " times");
        }
        return given.get(0);
    }

    /** A positive integer parameter within {@code [1, max]}, or {@code fallback} if absent. */
    int integer(String name, int fallback, int max) {
        String value = single(name);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
            throw invalid(name + " must be an integer from 1 to " + max + "; got '" + Messages.quote(value) + "'");
        }
        return Integer.parseInt(value);
    }

    /** A {@code true}/{@code false} parameter, or {@code fallback} if absent. */
    boolean bool(String name, boolean fallback) {
        String value = single(name);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name + " must be true or false; got '" + Messages.quote(value) + "'");
        };
    }

    static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ErrorCode.INVALID_QUERY, message);
    }

    /** A query name ({@code name} null) or the value of {@code name}, decoded; control characters are refused. */
    private static String decode(String raw, @Nullable String name) {
        String what = name == null ? "a query parameter name" : "query parameter '" + name + "'";
        String decoded = PercentDecoding.decode(
                raw,
                true,
                problem -> invalid("query string is not valid percent-encoding"),
                problem -> new InvalidRequestException(
                        ErrorCode.MALFORMED_UNICODE, what + " is not well-formed Unicode: " + problem));
        decoded.chars().filter(c -> c < 0x20 || c == 0x7F).findFirst().ifPresent(c -> {
            throw invalid(what + " must not contain control characters; found U+" + String.format("%04X", c));
        });
        return decoded;
    }
}
