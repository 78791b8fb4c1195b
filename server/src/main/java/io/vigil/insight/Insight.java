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

    /** A builder of a new insight: every field not marked nullable must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this insight's fields: a copy with some of them changed. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .accountId(accountId)
                .zoneId(zoneId)
                .issueClass(issueClass)
                .issueType(issueType)
                .severity(severity)
                .subject(subject)
                .status(status)
                .dismissed(dismissed)
                .payloadJson(payloadJson)
                .contextJson(contextJson)
                .product(product)
                .resolveLink(resolveLink)
                .resolveText(resolveText)
                .since(since)
                .timestamp(timestamp)
                .userClassification(userClassification)
                .classificationExpiresOn(classificationExpiresOn);
    }

    /** Builds an {@link Insight} by naming its fields; not thread-safe. */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable String zoneId;
        private @Nullable String issueClass;
        private @Nullable IssueType issueType;
        private @Nullable Severity severity;
        private @Nullable String subject;
        private @Nullable InsightStatus status;
        private boolean dismissed;
        private @Nullable String payloadJson;
        private @Nullable String contextJson;
        private @Nullable String product;
        private @Nullable String resolveLink;
        private @Nullable String resolveText;
        private @Nullable Instant since;
        private @Nullable Instant timestamp;
        private @Nullable Classification userClassification;
        private @Nullable Instant classificationExpiresOn;

        private Builder() {}

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder zoneId(@Nullable String zoneId) {
            this.zoneId = zoneId;
            return this;
        }

        public Builder issueClass(String issueClass) {
            this.issueClass = issueClass;
            return this;
        }

        public Builder issueType(IssueType issueType) {
            this.issueType = issueType;
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder status(InsightStatus status) {
            this.status = status;
            return this;
        }

        public Builder dismissed(boolean dismissed) {
            this.dismissed = dismissed;
            return this;
        }

        public Builder payloadJson(String payloadJson) {
            this.payloadJson = payloadJson;
            return this;
        }

        public Builder contextJson(@Nullable String contextJson) {
            this.contextJson = contextJson;
            return this;
        }

        public Builder product(@Nullable String product) {
            this.product = product;
            return this;
        }

        public Builder resolveLink(String resolveLink) {
            this.resolveLink = resolveLink;
            return this;
        }

        public Builder resolveText(String resolveText) {
            this.resolveText = resolveText;
            return this;
        }

        public Builder since(Instant since) {
            this.since = since;
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder userClassification(@Nullable Classification userClassification) {
            this.userClassification = userClassification;
            return this;
        }

        public Builder classificationExpiresOn(@Nullable Instant classificationExpiresOn) {
            this.classificationExpiresOn = classificationExpiresOn;
            return this;
        }

        /** The insight, checked as the record's constructor checks it. */
        public Insight build() {
            return new Insight(
                    require(id, "id"),
                    require(accountId, "accountId"),
                    zoneId,
                    require(issueClass, "issueClass"),
                    require(issueType, "issueType"),
                    require(severity, "severity"),
                    require(subject, "subject"),
                    require(status, "status"),
                    dismissed,
                    require(payloadJson, "payloadJson"),
                    contextJson,
                    product,
                    require(resolveLink, "resolveLink"),
                    require(resolveText, "resolveText"),
                    require(since, "since"),
                    require(timestamp, "timestamp"),
                    userClassification,
                    classificationExpiresOn);
        }

        private static <T> T require(@Nullable T value, String name) {
            return Objects.requireNonNull(value, name + " == null");
        }
    }
}
