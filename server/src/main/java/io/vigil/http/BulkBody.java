package io.vigil.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.bulk.BulkChange;
import io.vigil.bulk.BulkRequest;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.InsightFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses the body of a Vigil bulk change: one JSON object with {@code ids} (an array of 1 to 1,000 insight ids)
 * or {@code filter} (the list route's query string), the optional {@code dry_run} (a boolean, default false) and
 * {@code if_unchanged_since} (a preview's {@code states_token}), and the change: for a classification the
 * required {@code classification} and the optional {@code rationale} and {@code expires_on} (as on {@code PATCH
 * …/classification}); for a dismissal the optional {@code dismiss} (as on {@code PUT …/dismiss}: default true).
 */
final class BulkBody {
    private static final List<String> SELECTION = List.of("ids", "filter", "dry_run", "if_unchanged_since");
    private static final List<String> CLASSIFICATION = members("classification", "rationale", "expires_on");
    private static final List<String> DISMISSAL = members("dismiss");

    private BulkBody() {}

    /** The members read so far. */
    private static final class Read {
        @Nullable
        List<String> ids;

        @Nullable
        InsightFilter filter;

        final ClassificationBody.Read change = new ClassificationBody.Read();

        boolean dryRun;

        @Nullable
        String ifUnchangedSince;

        boolean dismiss = true;

        BulkRequest request(BulkChange change) {
            return new BulkRequest(ids == null ? List.of() : ids, filter, change, dryRun, ifUnchangedSince);
        }
    }

    static BulkRequest classification(byte[] body) {
        Read read = read(body, CLASSIFICATION);
        return read.request(new BulkChange.Classify(read.change.request()));
    }

    static BulkRequest dismissal(byte[] body) {
        Read read = read(body, DISMISSAL);
        return read.request(new BulkChange.Dismiss(read.dismiss));
    }

    private static List<String> members(String... change) {
        List<String> members = new ArrayList<>(SELECTION);
        members.addAll(List.of(change));
        return List.copyOf(members);
    }

    private static Read read(byte[] body, List<String> members) {
        Read read = new Read();
        JsonObjectBody.read(body, members, (name, value, json) -> {
            switch (name) {
                case "ids" -> read.ids = ids(json, value);
                case "filter" -> read.filter = filter(json, value);
                case "classification", "rationale", "expires_on" -> read.change.member(name, value, json);
                case "dry_run" -> read.dryRun = bool(value, "dry_run");
                case "dismiss" -> read.dismiss = bool(value, "dismiss");
                default -> read.ifUnchangedSince = token(json, value);
            }
        });
        if (read.ids == null && read.filter == null) {
            throw new InvalidRequestException(
                    ErrorCode.MISSING_FIELD,
                    "ids or filter is required: the insights to change, 1 to 1000 of them",
                    "/ids");
        }
        return read;
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

    private static boolean bool(@Nullable JsonToken value, String name) {
        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    name + " must be true or false, not " + JsonObjectBody.describe(value),
                    "/" + name);
        }
        return value == JsonToken.VALUE_TRUE;
    }
}
