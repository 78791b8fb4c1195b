package io.vigil.http;

import com.fasterxml.jackson.core.JsonToken;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.IssueType;
import io.vigil.scan.ScanRequest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST …/insights/scans} (Cloudflare's {@code newScanRequest}): {@code {}} (or no body) scans
 * every issue type, {@code {"issue_type": …}} one type, {@code {"issue_class": …}} one class; never both.
 */
final class ScanBody {
    private static final String ISSUE_TYPES = Arrays.stream(IssueType.values())
            .map(type -> "'" + type.wireName() + "'")
            .collect(Collectors.joining(", "));

    private ScanBody() {}

    static ScanRequest parse(byte[] body) {
        IssueType[] type = {null};
        String[] issueClass = {null};
        JsonObjectBody.read(body, List.of("issue_type", "issue_class"), (name, value, json) -> {
            String text = value == JsonToken.VALUE_STRING ? json.getText() : null;
            if (name.equals("issue_type")) {
                type[0] = issueType(text, value);
            } else {
                issueClass[0] = issueClass(text, value);
            }
        });
        if (type[0] != null && issueClass[0] != null) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "a scan takes issue_type or issue_class, not both; send {} to scan every issue type",
                    "");
        }
        return type[0] != null
                ? new ScanRequest.OfType(type[0])
                : issueClass[0] != null ? new ScanRequest.OfClass(issueClass[0]) : new ScanRequest.Everything();
    }

    private static IssueType issueType(@Nullable String text, @Nullable JsonToken value) {
        if (text == null) {
            throw invalid(
                    "issue_type must be one of " + ISSUE_TYPES + "; got " + JsonObjectBody.describe(value),
                    "/issue_type");
        }
        return IssueType.fromWireName(text)
                .orElseThrow(() -> invalid(
                        "issue_type must be one of " + ISSUE_TYPES + "; got '" + Messages.quote(text) + "'",
                        "/issue_type"));
    }

    private static String issueClass(@Nullable String text, @Nullable JsonToken value) {
        if (text == null) {
            throw invalid("issue_class must be a string; got " + JsonObjectBody.describe(value), "/issue_class");
        }
        int length = text.codePointCount(0, text.length());
        if (length == 0 || length > ScanRequest.MAX_ISSUE_CLASS_LENGTH) {
            throw invalid(
                    "issue_class must be 1 to " + ScanRequest.MAX_ISSUE_CLASS_LENGTH + " characters long; got "
                            + length,
                    "/issue_class");
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw invalid("issue_class must not contain control characters", "/issue_class");
        }
        return text;
    }

    private static InvalidRequestException invalid(String message, String pointer) {
        return new InvalidRequestException(ErrorCode.INVALID_FIELD, message, pointer);
    }
}
