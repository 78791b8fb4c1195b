package io.vigil.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.BulkRequest;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.InsightFilter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses the body of Vigil's bulk classification: one JSON object with {@code ids} (an array of 1 to 1,000 insight
 * ids) or {@code filter} (the list route's query string), the required {@code classification}, and the optional {@code rationale}, {@code expires_on} (as on
 * {@code PATCH …/classification}) and {@code dry_run} (a boolean, default false).
 */
final class BulkBody {
    private static final List<String> MEMBERS =
            List.of("ids", "filter", "classification", "rationale", "expires_on", "dry_run", "if_unchanged_since");

    private BulkBody() {}

    /** The members read so far. */
    private static final class Read {
        @Nullable
        List<String> ids;

        @Nullable
        InsightFilter filter;

        boolean hasClassification;

        @Nullable
        Classification classification;

        @Nullable
        String rationale;

        @Nullable
        Instant expiresOn;

        boolean dryRun;

        @Nullable
        String ifUnchangedSince;
    }

    static BulkRequest parse(byte[] body) {
        Read read = new Read();
        JsonObjectBody.read(body, MEMBERS, (name, value, json) -> {
            switch (name) {
                case "ids" -> read.ids = ids(json, value);
                case "filter" -> read.filter = filter(json, value);
                case "classification" -> {
                    read.hasClassification = true;
                    read.classification = ClassificationBody.classification(json, value);
                }
                case "rationale" -> read.rationale = ClassificationBody.rationale(json, value);
                case "expires_on" -> read.expiresOn = ClassificationBody.expiresOn(json, value);
                case "dry_run" -> read.dryRun = dryRun(value);
                default -> read.ifUnchangedSince = token(json, value);
            }
        });
        if (read.ids == null && read.filter == null) {
            throw new InvalidRequestException(
                    ErrorCode.MISSING_FIELD,
                    "ids or filter is required: the insights to change, 1 to 1000 of them",
                    "/ids");
        }
        if (!read.hasClassification) {
            throw new InvalidRequestException(
                    ErrorCode.MISSING_FIELD,
                    "classification is required: one of 'false_positive', 'accept_risk', 'other', or null to reset",
                    "/classification");
        }
        return new BulkRequest(
                read.ids == null ? List.of() : read.ids,
                read.filter,
                new ClassificationRequest(read.classification, read.rationale, read.expiresOn),
                read.dryRun,
                read.ifUnchangedSince);
    }

    private static String token(JsonParser json, @Nullable JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING || !json.getText().matches("[A-Za-z0-9_-]{43}")) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "if_unchanged_since must be the states_token a dry run of this bulk answered",
                    "/if_unchanged_since");
        }
        return json.getText();
    }

    private static List<String> ids(JsonParser json, @Nullable JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "ids must be an array of insight ids, not " + JsonObjectBody.describe(value),
                    "/ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            if (token != JsonToken.VALUE_STRING) {
                throw new InvalidRequestException(
                        ErrorCode.INVALID_FIELD,
                        "ids[" + ids.size() + "] must be a string, not " + JsonObjectBody.describe(token),
                        "/ids/" + ids.size());
            }
            if (ids.size() == BulkRequest.MAX_IDS) {
                throw new InvalidRequestException(
                        ErrorCode.INVALID_FIELD,
                        "ids names more than " + BulkRequest.MAX_IDS + " insights; split the change",
                        "/ids");
            }
            ids.add(json.getText());
        }
        return ids;
    }

    /** The list route's query syntax, e.g. {@code severity=critical&issue_type=exposed_infrastructure}. */
    private static InsightFilter filter(JsonParser json, @Nullable JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "filter must be a string in the list's query syntax, such as 'severity=critical', not "
                            + JsonObjectBody.describe(value),
                    "/filter");
        }
        try {
            return InsightQuery.filter(QueryParams.parse(json.getText(), InsightQuery.COUNT_PARAMS));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(ErrorCode.INVALID_FIELD, "filter: " + e.getMessage(), "/filter");
        }
    }

    private static boolean dryRun(@Nullable JsonToken value) {
        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "dry_run must be true or false, not " + JsonObjectBody.describe(value),
                    "/dry_run");
        }
        return value == JsonToken.VALUE_TRUE;
    }
}
