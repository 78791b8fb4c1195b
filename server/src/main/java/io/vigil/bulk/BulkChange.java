package io.vigil.bulk;

import io.vigil.insight.ClassificationRequest;

/** What a bulk does to each insight it names: one of the changes Cloudflare's routes make one at a time. */
public sealed interface BulkChange {
    /** Classify, or reset with a {@code null} classification, as {@code PATCH …/classification} does. */
    record Classify(ClassificationRequest request) implements BulkChange {}

    /** Dismiss ({@code true}) or restore ({@code false}), as {@code PUT …/dismiss} does. */
    record Dismiss(boolean dismissed) implements BulkChange {}
}
