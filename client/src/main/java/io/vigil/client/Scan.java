package io.vigil.client;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One on-demand scan.
 *
 * @param failure Vigil's: why the scan failed; {@code null} on Cloudflare and on every scan that did not fail
 */
public record Scan(
        String scanId,
        Instant startedAt,
        ScanStatus status,
        @Nullable String failure) {}
