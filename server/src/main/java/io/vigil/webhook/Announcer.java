package io.vigil.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an event that is not a change of an insight — a new checkpoint ({@link EventKind#CHECKPOINT}), or the node
 * found the change log rewritten ({@link EventKind#HISTORY_BROKEN}) — to every subscription that asked for its kind by name, signed as every delivery
 * is. Best effort, outside the change log: a few attempts per receiver, on a thread of its own, never waiting
 * for anything else. Thread-safe.
 */
public final class Announcer {
    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);

    private final WebhookStore store;
    private final SecretBox box;
    private final Targets targets;
    private final Transport transport;
    private final Clock clock;

    public Announcer(WebhookStore store, SecretBox box, Targets targets, Transport transport, Clock clock) {
        this.store = store;
        this.box = box;
        this.targets = targets;
        this.transport = transport;
        this.clock = clock;
    }

    /**
     * Sends {@code kind} with {@code data} (its payload's {@code data}: strings, numbers) to each subscription that
     * named it.
     */
    public void announce(EventKind kind, Map<String, ?> data) {
        ObjectNode body = JSON.createObjectNode()
                .put("type", kind.wireName())
                .put("timestamp", clock.instant().toString());
        ObjectNode fields = body.putObject("data");
        data.forEach((name, value) -> fields.set(name, JSON.valueToTree(value)));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        List<WebhookStore.Delivery> listening = store.listening().stream()
                .filter(d -> d.subscription().kinds().contains(kind))
                .toList();
        for (WebhookStore.Delivery delivery : listening) {
            Thread.ofVirtual().name("vigil-announce").start(() -> send(delivery, kind, bytes));
        }
    }

    private void send(WebhookStore.Delivery delivery, EventKind kind, byte[] body) {
        Subscription s = delivery.subscription();
        String id = "msg_" + UUID.randomUUID();
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Signer secret = delivery.signer(box, clock.millis());
                long timestamp = clock.millis() / 1000;
                int status = transport.postSigned(targets.resolve(s.url()), secret, id, timestamp, body);
                if (status >= 200 && status < 300) {
                    return;
                }
                LOG.warn(
                        "webhook {}: {} answered HTTP {} (attempt {} of {})",
                        s.id(),
                        kind.wireName(),
                        status,
                        attempt,
                        ATTEMPTS);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "webhook {}: {} not sent (attempt {} of {}): {}",
                        s.id(),
                        kind.wireName(),
                        attempt,
                        ATTEMPTS,
                        e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2);
        }
    }
}
