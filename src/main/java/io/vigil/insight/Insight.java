package io.vigil.insight;

import io.vigil.error.ErrorCode;
import io.vigil.error.NotFoundException;
import io.vigil.tenant.Scope;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A finding, as imported from a scanner and listed by the API.
 *
 * @param zoneId the zone for zone-level insights; {@code null} for account-level ones
 * @param payloadJson the {@code payload} object, as JSON text
 * @param contextJson the extended context object as JSON text, if the insight has one
 * @param product the Cloudflare product the finding belongs to (filterable), if known
 * @param userClassification preserved by imports; changed only through {@link InsightService}
 * @param classificationExpiresOn when {@code userClassification} expires; {@code null} if never (or unclassified)
 */
public record Insight(
        String id,
        String accountId,
        @Nullable String zoneId,
        String issueClass,
        IssueType issueType,
        Severity severity,
        String subject,
        InsightStatus status,
        boolean dismissed,
        String payloadJson,
        @Nullable String contextJson,
        @Nullable String product,
        String resolveLink,
        String resolveText,
        Instant since,
        Instant timestamp,
        @Nullable Classification userClassification,
        @Nullable Instant classificationExpiresOn) {

    private static final int MAX_ID_LENGTH = 128;

    /** An insight whose classification, if any, never expires: what a scanner's import carries. */
    public Insight(
            String id,
            String accountId,
            @Nullable String zoneId,
            String issueClass,
            IssueType issueType,
            Severity severity,
            String subject,
            InsightStatus status,
            boolean dismissed,
            String payloadJson,
            @Nullable String contextJson,
            @Nullable String product,
            String resolveLink,
            String resolveText,
            Instant since,
            Instant timestamp,
            @Nullable Classification userClassification) {
        this(
                id,
                accountId,
                zoneId,
                issueClass,
                issueType,
                severity,
                subject,
                status,
                dismissed,
                payloadJson,
                contextJson,
                product,
                resolveLink,
                resolveText,
                since,
                timestamp,
                userClassification,
                null);
    }

    public Insight {
        Objects.requireNonNull(id, "id == null");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("invalid insight id: " + id);
        }
        if (!Scope.isIdentifier(accountId)) {
            throw new IllegalArgumentException("invalid account id: " + accountId);
        }
        if (zoneId != null && !Scope.isIdentifier(zoneId)) {
            throw new IllegalArgumentException("invalid zone id: " + zoneId);
        }
        Objects.requireNonNull(issueClass, "issueClass == null");
        Objects.requireNonNull(issueType, "issueType == null");
        Objects.requireNonNull(severity, "severity == null");
        Objects.requireNonNull(subject, "subject == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(payloadJson, "payloadJson == null");
        Objects.requireNonNull(resolveLink, "resolveLink == null");
        Objects.requireNonNull(resolveText, "resolveText == null");
        Objects.requireNonNull(since, "since == null");
        Objects.requireNonNull(timestamp, "timestamp == null");
    }

    /**
     * Whether {@code id} has the form of an insight id (what a path segment must be to name one): letters,
     * digits, {@code -}, {@code _}, {@code .} and {@code :}, 1 to 128 of them, not only dots. A loop, not a
     * regex: every insight read back from the database checks its id.
     */
    public static boolean isValidId(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_ID_LENGTH) {
            return false;
        }
        boolean onlyDots = true;
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == ':';
            if (!allowed) {
                return false;
            }
            onlyDots &= c == '.';
        }
        return !onlyDots;
    }

    /** The refusal of an id that names no insight in the caller's scope: the one "not found" for insights. */
    public static NotFoundException notFound(String id) {
        return new NotFoundException(ErrorCode.INSIGHT_NOT_FOUND, "insight '" + id + "' not found");
    }

    /** Whether the large {@code context} payload exists. */
    public boolean hasExtendedContext() {
        return contextJson != null;
    }
}
