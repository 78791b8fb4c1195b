package io.vigil.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses the body of {@code PATCH …/classification}: exactly one JSON object with a required
 * {@code classification} (string or null) and an optional {@code rationale} (string or null). Every
 * other input is refused with a 400 naming the field; nothing else is accepted.
 */
final class ClassificationBody {
    private static final String VALUES = "'false_positive', 'accept_risk', 'other' or null";
    private static final List<String> MEMBERS = List.of("classification", "rationale");

    private ClassificationBody() {}

    /** The members read so far. */
    private static final class Read {
        boolean hasClassification;

        @Nullable
        Classification classification;

        @Nullable
        String rationale;
    }

    static ClassificationRequest parse(byte[] body) {
        Read read = new Read();
        JsonObjectBody.read(body, MEMBERS, (name, value, json) -> {
            if (name.equals("classification")) {
                read.hasClassification = true;
                read.classification = classification(json, value);
            } else {
                read.rationale = rationale(json, value);
            }
        });
        if (!read.hasClassification) {
            throw new InvalidRequestException(
                    ErrorCode.MISSING_FIELD,
                    "classification is required: one of 'false_positive', 'accept_risk', 'other', or null to reset",
                    "/classification");
        }
        return new ClassificationRequest(read.classification, read.rationale);
    }

    private static @Nullable Classification classification(JsonParser json, @Nullable JsonToken value)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "classification must be " + VALUES + ", not " + JsonObjectBody.describe(value),
                    "/classification");
        }
        String text = json.getText();
        return Classification.fromWireName(text)
                .orElseThrow(() -> new InvalidRequestException(
                        ErrorCode.INVALID_FIELD,
                        "classification must be " + VALUES + "; got '" + Messages.quote(text) + "'",
                        "/classification"));
    }

    private static @Nullable String rationale(JsonParser json, @Nullable JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "rationale must be a string or null, not " + JsonObjectBody.describe(value),
                    "/rationale");
        }
        return json.getText();
    }
}
