package io.vigil.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** What an on-demand scan looks for: everything, one issue type, or one issue class (never both). */
public record ScanRequest(
        @Nullable IssueType issueType, @Nullable String issueClass) {
    /** Every issue type. */
    public static final ScanRequest EVERYTHING = new ScanRequest(null, null);

    /** Refuses both an issue type and an issue class, and {@link IssueType#UNKNOWN}. */
    public ScanRequest {
        if (issueType != null && issueClass != null) {
            throw new IllegalArgumentException("a scan takes an issue type or an issue class, not both");
        }
        if (issueType == IssueType.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN is read from newer servers and is never sent");
        }
    }

    /** A scan of one issue type. */
    public static ScanRequest of(IssueType type) {
        return new ScanRequest(type, null);
    }

    /** A scan of one issue class. */
    public static ScanRequest ofClass(String issueClass) {
        return new ScanRequest(null, issueClass);
    }

    ObjectNode body() {
        ObjectNode body = Json.object();
        if (issueType != null) {
            body.put("issue_type", issueType.wireName());
        }
        if (issueClass != null) {
            body.put("issue_class", issueClass);
        }
        return body;
    }
}
