package io.vigil.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.auth.Principal;
import io.vigil.insight.Severity;
import io.vigil.tenant.Scope;
import io.vigil.webhook.EventKind;
import io.vigil.webhook.Subscription;
import io.vigil.webhook.Webhooks;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** {@code /vigil/accounts/{account_id}/webhooks…}: an account's webhook subscriptions (docs/extensions.md). */
record WebhooksHandler(Webhooks webhooks) {
    ApiResponse list(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        List<Subscription> all = webhooks.list(scope.id());
        return ApiResponse.ok(Envelope.success(json -> {
            json.writeStartArray();
            for (Subscription s : all) {
                write(json, s, null);
            }
            json.writeEndArray();
        }));
    }

    ApiResponse create(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        Webhooks.Created created =
                webhooks.add(scope.id(), WebhookBody.subscription(request.jsonBody()), principal.actor());
        return ApiResponse.ok(Envelope.success(json -> write(json, created.subscription(), created.secret())));
    }

    ApiResponse get(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        Subscription s = webhooks.get(scope.id(), id(request));
        return ApiResponse.ok(Envelope.success(json -> write(json, s, null)));
    }

    ApiResponse update(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        String id = id(request);
        Subscription s = webhooks.setPaused(scope.id(), id, WebhookBody.paused(request.jsonBody()));
        return ApiResponse.ok(Envelope.success(json -> write(json, s, null)));
    }

    ApiResponse delete(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        String id = id(request);
        webhooks.remove(scope.id(), id);
        return ApiResponse.ok(Envelope.success(json -> {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeEndObject();
        }));
    }

    ApiResponse replay(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        String id = id(request);
        WebhookBody.Replay replay = WebhookBody.replay(request.jsonBody());
        Instant since = replay.since();
        Subscription s = since != null
                ? webhooks.replaySince(scope.id(), id, since)
                : webhooks.replayAfter(scope.id(), id, replay.afterPosition());
        return ApiResponse.ok(Envelope.success(json -> write(json, s, null)));
    }

    ApiResponse rotate(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        String id = id(request);
        Webhooks.Rotated rotated = webhooks.rotateSecret(scope.id(), id, WebhookBody.overlap(request.jsonBody()));
        return ApiResponse.ok(Envelope.success(json -> {
            write(json, rotated.subscription(), rotated.secret(), rotated.previousUntil());
        }));
    }

    private static String id(ApiRequest request) {
        String id = request.param("webhook_id");
        if (!id.matches("[0-9a-f]{32}")) {
            throw PathIds.invalidIdentifier(request.path());
        }
        return id;
    }

    /** One subscription; {@code secret} only in the answer that made it. */
    static void write(JsonGenerator json, Subscription s, @Nullable String secret) throws IOException {
        write(json, s, secret, null);
    }

    /** One subscription; with a rotation, until when the replaced secret signs too. */
    static void write(JsonGenerator json, Subscription s, @Nullable String secret, @Nullable Instant previousUntil)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("id", s.id());
        json.writeStringField("url", s.url());
        strings(json, "zones", s.zones());
        strings(json, "kinds", s.kinds().stream().map(EventKind::wireName).toList());
        strings(
                json,
                "severities",
                s.severities().stream().map(Severity::wireName).toList());
        json.writeStringField("state", s.state().wireName());
        if (secret != null) {
            json.writeStringField("secret", secret);
        }
        if (previousUntil != null) {
            json.writeStringField("previous_secret_expires_on", previousUntil.toString());
        }
        json.writeNumberField("position", s.position());
        json.writeNumberField("delivered", s.delivered());
        json.writeNumberField("failures", s.failures());
        instant(json, "failing_since", s.failingSince());
        instant(json, "last_delivery", s.lastDelivery());
        json.writeStringField("last_error", s.lastError());
        json.writeStringField("created_on", s.createdAt().toString());
        json.writeStringField("created_by", s.createdBy());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String name, Collection<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String v : new TreeSet<>(values)) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    private static void instant(JsonGenerator json, String name, @Nullable Instant at) throws IOException {
        if (at == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, at.toString());
        }
    }
}
