package io.vigil.webhook;

import io.vigil.insight.Insight;
import org.jspecify.annotations.Nullable;

/** Writes a delivery's JSON body: the change-log entry and the insight's current state ({@code null}: gone). */
@FunctionalInterface
public interface Payloads {
    String body(EventKind kind, WebhookStore.Change change, @Nullable Insight insight);
}
