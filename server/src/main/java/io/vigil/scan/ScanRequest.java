package io.vigil.scan;

import io.vigil.insight.Insight;
import io.vigil.insight.IssueType;
import java.util.Objects;

/**
 * What a scan looks for (Cloudflare's {@code newScanRequest}): every kind of insight, the insights of one issue
 * type, or those of one issue class.
 */
public sealed interface ScanRequest {
    /** The longest issue class a scan may name, in characters (Unicode code points). */
    int MAX_ISSUE_CLASS_LENGTH = 128;

    /** Whether {@code insight} is of the kind this request looks for. */
    default boolean covers(Insight insight) {
        return switch (this) {
            case Everything e -> true;
            case OfType t -> insight.issueType() == t.issueType();
            case OfClass c -> insight.issueClass().equals(c.issueClass());
        };
    }

    /** {@code {}}: every issue type. */
    record Everything() implements ScanRequest {}

    /** {@code {"issue_type": …}}. */
    record OfType(IssueType issueType) implements ScanRequest {
        public OfType {
            Objects.requireNonNull(issueType, "issueType == null");
        }
    }

    /** {@code {"issue_class": …}}: 1 to 128 characters, as the insights it is about carry it. */
    record OfClass(String issueClass) implements ScanRequest {
        public OfClass {
            int length = issueClass.codePointCount(0, issueClass.length());
            if (length == 0 || length > MAX_ISSUE_CLASS_LENGTH) {
                throw new IllegalArgumentException("issue class of " + length + " characters");
            }
        }
    }
}
