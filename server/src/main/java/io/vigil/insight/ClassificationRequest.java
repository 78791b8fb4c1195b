package io.vigil.insight;

import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A valid request to set ({@code classification} non-null) or reset ({@code null}) an insight's
 * classification. The compact constructor holds the rules that do not depend on the insight's state.
 *
 * @param classification the requested value; {@code null} resets to unclassified
 * @param rationale why; required and non-blank for values that {@link Classification#requiresRationale()}
 * @param expiresOn when the classification set expires (a Vigil extension); {@code null} for never
 */
public record ClassificationRequest(
        @Nullable Classification classification,
        @Nullable String rationale,
        @Nullable Instant expiresOn) {
    /** The longest rationale accepted, in Unicode code points. */
    public static final int MAX_RATIONALE_LENGTH = 4096;

    /** A request whose classification never expires: all a Cloudflare client can send. */
    public ClassificationRequest(@Nullable Classification classification, @Nullable String rationale) {
        this(classification, rationale, null);
    }

    public ClassificationRequest {
        if (expiresOn != null && classification == null) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "expires_on needs a classification to expire; a reset to null has none",
                    "/expires_on");
        }
        if (rationale != null) {
            int length = rationale.codePointCount(0, rationale.length());
            if (length > MAX_RATIONALE_LENGTH) {
                throw new InvalidRequestException(
                        ErrorCode.RATIONALE_TOO_LONG,
                        "rationale is " + length + " characters long; the limit is " + MAX_RATIONALE_LENGTH,
                        "/rationale");
            }
        }
        if (rationale != null) {
            rationale
                    .codePoints()
                    .filter(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
                    .findFirst()
                    .ifPresent(c -> {
                        throw new InvalidRequestException(
                                ErrorCode.INVALID_FIELD,
                                "rationale must not contain control characters; found U+" + String.format("%04X", c),
                                "/rationale");
                    });
        }
        if (classification != null && classification.requiresRationale()) {
            if (rationale == null) {
                throw new InvalidRequestException(
                        ErrorCode.RATIONALE_REQUIRED,
                        "rationale is required when classification is '" + classification.wireName() + "'",
                        "/rationale");
            }
            if (rationale.isBlank()) {
                throw new InvalidRequestException(
                        ErrorCode.RATIONALE_REQUIRED,
                        "rationale must not be blank when classification is '" + classification.wireName() + "'",
                        "/rationale");
            }
        }
    }
}
