package io.vigil.client.vigil;

import org.jspecify.annotations.Nullable;

/**
 * How an account's last scheduled sync went.
 *
 * @param lastRun its time and summary ({@code 2026-12-04T06:00:01Z complete: 14 requests, …}); {@code null} when
 *     none ran
 */
public record SyncStatus(@Nullable String lastRun) {}
