package io.vigil.webhook;

import io.vigil.audit.Change;
import io.vigil.insight.Insight;
import org.jspecify.annotations.Nullable;

/** Writes a delivery's JSON body, in UTF-8: the change-log entry and the insight's current state ({@code null}: gone). */
@FunctionalInterface
public interface Payloads {
    byte[] body(EventKind kind, Change change, @Nullable Insight insight);
}
