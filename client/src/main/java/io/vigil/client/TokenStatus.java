package io.vigil.client;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /user/tokens/verify} says of the API token the client sends ({@link InsightsClient#verifyToken()}).
 *
 * @param id the token's id (32 hex digits), as change-log entries name it
 * @param status {@code active}, or Cloudflare's {@code disabled} or {@code expired}
 * @param expiresOn when the token stops working; {@code null} for one that never expires
 * @param notBefore when the token starts working; {@code null} for one valid from its creation
 */
public record TokenStatus(
        String id,
        String status,
        @Nullable Instant expiresOn,
        @Nullable Instant notBefore) {}
