package io.vigil.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.client.vigil.WebhookEventKind;
import io.vigil.client.vigil.WebhookRequest;
import io.vigil.client.vigil.WebhookSubscription;
import io.vigil.client.vigil.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** {@link Webhooks} over the client's transport: {@code /vigil/accounts/{id}/webhooks…}. */
final class HttpWebhooks implements Webhooks {
    private final Http http;
    private final String path;

    HttpWebhooks(Http http, String path) {
        this.http = http;
        this.path = path;
    }

    @Override
    public List<WebhookSubscription> list() {
        return Json.readList(http.result(Call.get(path)), WebhookSubscription.class);
    }

    @Override
    public WebhookSubscription create(WebhookRequest request) {
        ObjectNode body = Json.object().put("url", request.url());
        request.zones().forEach(body.putArray("zones")::add);
        request.kinds().stream().map(WebhookEventKind::wireName).forEach(body.putArray("kinds")::add);
        request.severities().stream().map(Severity::wireName).forEach(body.putArray("severities")::add);
        return subscription(Call.post(path, body));
    }

    @Override
    public WebhookSubscription get(String webhookId) {
        return subscription(Call.get(one(webhookId)));
    }

    @Override
    public WebhookSubscription pause(String webhookId) {
        return subscription(Call.patch(one(webhookId), Json.object().put("paused", true)));
    }

    @Override
    public WebhookSubscription resume(String webhookId) {
        return subscription(Call.patch(one(webhookId), Json.object().put("paused", false)));
    }

    @Override
    public void delete(String webhookId) {
        http.send(Call.delete(one(webhookId)));
    }

    @Override
    public WebhookSubscription replaySince(String webhookId, Instant since) {
        return subscription(Call.post(one(webhookId) + "/replay", Json.object().put("since", since.toString())));
    }

    @Override
    public WebhookSubscription replayAfter(String webhookId, long position) {
        return subscription(Call.post(one(webhookId) + "/replay", Json.object().put("after_position", position)));
    }

    @Override
    public WebhookSubscription rotateSecret(String webhookId) {
        return subscription(Call.post(one(webhookId) + "/rotate-secret", Json.object()));
    }

    @Override
    public WebhookSubscription rotateSecret(String webhookId, Duration overlap) {
        ObjectNode body = Json.object().put("overlap_seconds", overlap.toSeconds());
        return subscription(Call.post(one(webhookId) + "/rotate-secret", body));
    }

    private WebhookSubscription subscription(Call call) {
        return Json.read(http.result(call), WebhookSubscription.class);
    }

    private String one(String webhookId) {
        Objects.requireNonNull(webhookId, "webhookId == null");
        return path + "/" + Query.encode(webhookId);
    }
}
