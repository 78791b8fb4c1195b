package io.vigil.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses the body of {@code PATCH …/classification}: exactly one JSON object with a required
 * {@code classification} (string or null), an optional {@code rationale} (string or null) and Vigil's optional
 * {@code expires_on} (an RFC 3339 date-time with an offset, or null). Every other input is refused with a 400
 * naming the field; nothing else is accepted.
 */
final class ClassificationBody {
    private static final String VALUES = "'false_positive', 'accept_risk', 'other' or null";
    private static final List<String> MEMBERS = List.of("classification", "rationale", "expires_on");

    private ClassificationBody() {}

    /** The classification members read so far: what a PATCH and a bulk classification share. */
    static final class Read {
        private boolean hasClassification;

        private @Nullable Classification classification;

        private @Nullable String rationale;

        private @Nullable Instant expiresOn;

        /** Reads the member {@code name}: {@code classification}, {@code rationale} or {@code expires_on}. */
        void member(String name, @Nullable JsonToken value, JsonParser json) throws IOException {
            switch (name) {
                case "classification" -> {
                    hasClassification = true;
                    classification = classification(json, value);
                }
                case "rationale" -> rationale = rationale(json, value);
                default -> expiresOn = expiresOn(json, value);
            }
        }

        /** The request read; refused without a {@code classification} member. */
        ClassificationRequest request() {
            if (!hasClassification) {
                throw new InvalidRequestException(
                        ErrorCode.MISSING_FIELD,
                        "classification is required: one of 'false_positive', 'accept_risk', 'other', or null to"
                                + " reset",
                        "/classification");
            }
            return new ClassificationRequest(classification, rationale, expiresOn);
        }
    }

    static ClassificationRequest parse(byte[] body) {
        Read read = new Read();
        JsonObjectBody.read(body, MEMBERS, read::member);
        return read.request();
    }

    static @Nullable Classification classification(JsonParser json, @Nullable JsonToken value) throws IOException {
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

    static @Nullable Instant expiresOn(JsonParser json, @Nullable JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        String problem =
                "expires_on must be an RFC 3339 date-time with an offset, such as 2027-03-31T00:00:00Z, or null";
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD, problem + "; not " + JsonObjectBody.describe(value), "/expires_on");
        }
        String text = json.getText();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD, problem + "; got '" + Messages.quote(text) + "'", "/expires_on");
        }
    }

    static @Nullable String rationale(JsonParser json, @Nullable JsonToken value) throws IOException {
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
