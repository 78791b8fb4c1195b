package io.vigil.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.Severity;
import io.vigil.tenant.Scope;
import io.vigil.webhook.EventKind;
import io.vigil.webhook.SubscriptionRequest;
import io.vigil.webhook.Webhooks;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Parses the bodies of Vigil's webhook routes: a subscription ({@code url}, and the optional {@code zones}, {@code
 * kinds} and {@code severities} arrays), a state change ({@code paused}), and a replay ({@code since}, an RFC 3339
 * time, or {@code after_position}, a position of the sealed change log).
 */
final class WebhookBody {
    private static final int MAX_URL = 2048;
    private static final int MAX_ITEMS = 100;

    private WebhookBody() {}

    /** What a replay starts after: a position, or the first change at or after a time. */
    record Replay(@Nullable Instant since, long afterPosition) {}

    static SubscriptionRequest subscription(byte[] body) {
        String[] url = {null};
        Set<String> zones = new LinkedHashSet<>();
        Set<EventKind> kinds = new LinkedHashSet<>();
        Set<Severity> severities = new LinkedHashSet<>();
        JsonObjectBody.read(body, List.of("url", "zones", "kinds", "severities"), (name, value, json) -> {
            switch (name) {
                case "url" -> url[0] = url(json, value);
                case "zones" ->
                    zones.addAll(strings(json, value, name, z -> Scope.isIdentifier(z) ? z : null, "zone ids"));
                case "kinds" ->
                    kinds.addAll(strings(
                            json,
                            value,
                            name,
                            k -> EventKind.fromWireName(k).orElse(null),
                            "event kinds: "
                                    + String.join(
                                            ", ",
                                            Arrays.stream(EventKind.values())
                                                    .map(EventKind::wireName)
                                                    .toList())));
                default ->
                    severities.addAll(strings(
                            json,
                            value,
                            name,
                            s -> Severity.parse(s).orElse(null),
                            "severities: low, moderate, critical"));
            }
        });
        if (url[0] == null) {
            throw new InvalidRequestException(
                    ErrorCode.MISSING_FIELD, "url is required: the https URL deliveries are posted to", "/url");
        }
        return new SubscriptionRequest(url[0], zones, kinds, severities);
    }

    static boolean paused(byte[] body) {
        Boolean[] paused = {null};
        JsonObjectBody.read(body, List.of("paused"), (name, value, json) -> {
            if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                throw new InvalidRequestException(
                        ErrorCode.INVALID_FIELD,
                        "paused must be true or false, not " + JsonObjectBody.describe(value),
                        "/paused");
            }
            paused[0] = value == JsonToken.VALUE_TRUE;
        });
        if (paused[0] == null) {
            throw new InvalidRequestException(
                    ErrorCode.MISSING_FIELD,
                    "paused is required: true to pause deliveries, false to resume",
                    "/paused");
        }
        return paused[0];
    }

    /** The overlap a secret rotation asks for: {@code overlap_seconds}, 86,400 (a day) when absent. */
    static Duration overlap(byte[] body) {
        long[] seconds = {Duration.ofDays(1).toSeconds()};
        JsonObjectBody.read(body, List.of("overlap_seconds"), (name, value, json) -> {
            if (value != JsonToken.VALUE_NUMBER_INT
                    || json.getLongValue() < 0
                    || json.getLongValue() > Webhooks.MAX_OVERLAP.toSeconds()) {
                throw new InvalidRequestException(
                        ErrorCode.INVALID_FIELD,
                        "overlap_seconds must be an integer from 0 to " + Webhooks.MAX_OVERLAP.toSeconds()
                                + " (7 days)",
                        "/overlap_seconds");
            }
            seconds[0] = json.getLongValue();
        });
        return Duration.ofSeconds(seconds[0]);
    }

    static Replay replay(byte[] body) {
        Instant[] since = {null};
        long[] after = {-1};
        JsonObjectBody.read(body, List.of("since", "after_position"), (name, value, json) -> {
            if (name.equals("since")) {
                since[0] = instant(json, value);
            } else if (value != JsonToken.VALUE_NUMBER_INT || json.getLongValue() < 0) {
                throw new InvalidRequestException(
                        ErrorCode.INVALID_FIELD,
                        "after_position must be a position of the change log, an integer of 0 or more",
                        "/after_position");
            } else {
                after[0] = json.getLongValue();
            }
        });
        if ((since[0] == null) == (after[0] < 0)) {
            throw new InvalidRequestException(
                    ErrorCode.MISSING_FIELD,
                    "give one of since (an RFC 3339 time) or after_position (a change-log position)",
                    "/since");
        }
        return new Replay(since[0], after[0]);
    }

    private static String url(JsonParser json, @Nullable JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING || json.getText().isBlank()) {
            throw new InvalidRequestException(ErrorCode.INVALID_FIELD, "url must be a URL string", "/url");
        }
        if (json.getText().length() > MAX_URL) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "url is " + json.getText().length() + " characters long; at most " + MAX_URL + " are allowed",
                    "/url");
        }
        return json.getText();
    }

    private static Instant instant(JsonParser json, @Nullable JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            try {
                return java.time.OffsetDateTime.parse(json.getText()).toInstant();
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw new InvalidRequestException(
                ErrorCode.INVALID_FIELD, "since must be an RFC 3339 time such as 2026-12-01T00:00:00Z", "/since");
    }

    private static <T> List<T> strings(
            JsonParser json, @Nullable JsonToken value, String name, Function<String, @Nullable T> parse, String what)
            throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    name + " must be an array of " + what + ", not " + JsonObjectBody.describe(value),
                    "/" + name);
        }
        List<T> items = new java.util.ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            T item = token == JsonToken.VALUE_STRING ? parse.apply(json.getText()) : null;
            if (item == null || items.size() == MAX_ITEMS) {
                throw new InvalidRequestException(
                        ErrorCode.INVALID_FIELD,
                        name + "[" + items.size() + "] must be one of the " + what
                                + (items.size() == MAX_ITEMS ? " (at most " + MAX_ITEMS + ")" : ""),
                        "/" + name + "/" + items.size());
            }
            items.add(item);
        }
        return items;
    }
}
