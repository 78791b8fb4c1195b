package io.vigil.error;

/**
 * Every error code Vigil answers with, its HTTP status and whether a client retry can help.
 *
 * <p>Codes below 2000 are Vigil's own; the others are the codes Cloudflare's v4 API uses for the same
 * failure. The list is API: {@code docs/errors.md} documents each constant and a test checks it does.
 */
public enum ErrorCode {
    /** The body is not well-formed JSON, or repeats a key. */
    MALFORMED_JSON(1001, 400),
    /** A body field has the wrong JSON type or a value outside its enum. */
    INVALID_FIELD(1002, 400),
    /** A required body field is absent. */
    MISSING_FIELD(1003, 400),
    /** {@code accept_risk} and {@code other} need a non-blank rationale. */
    RATIONALE_REQUIRED(1004, 400),
    /** The rationale is longer than the documented limit. */
    RATIONALE_TOO_LONG(1005, 400),
    /** The body names a field the endpoint does not have. */
    UNKNOWN_FIELD(1006, 400),
    /** {@code expires_on} is in the past, or further ahead than the server allows. */
    EXPIRY_OUT_OF_RANGE(1015, 400),
    /** The server's policy requires an expiry for this classification, and the request has none. */
    EXPIRY_REQUIRED(1016, 400),
    /** The body is not {@code application/json} (UTF-8). */
    UNSUPPORTED_MEDIA_TYPE(1007, 415),
    /** The body is larger than the limit. */
    BODY_TOO_LARGE(1008, 413),
    /** The request URL (path and query) is longer than the limit. */
    URI_TOO_LONG(1012, 414),
    /** The request has more header fields, or more header bytes, than the limit. */
    HEADERS_TOO_LARGE(1013, 431),
    /**
     * A string in the body or the query is not well-formed Unicode: invalid UTF-8, a lone surrogate or a
     * noncharacter.
     */
    MALFORMED_UNICODE(1014, 400),
    /** The body ended before its declared length, or did not arrive within the read timeout. */
    BODY_INCOMPLETE(1009, 400),
    /** No insight with that id in the account or zone of the path (or not visible to the caller). */
    INSIGHT_NOT_FOUND(1100, 404),
    /** The insight exists but has no extended context. */
    CONTEXT_NOT_FOUND(1101, 404),
    /** No change-log entry with that id in the account or zone of the path. */
    AUDIT_ENTRY_NOT_FOUND(1102, 404),
    /** The change log has no seal yet, so no checkpoint. */
    NOTHING_SEALED(1103, 404),
    /** A zone path names a zone whose account Vigil does not know (none of its insights imported or synced). */
    ZONE_NOT_FOUND(1104, 404),
    /** A query parameter is unknown, empty, repeated where it cannot be, or has a bad value. */
    INVALID_QUERY(1010, 400),
    /** A pagination cursor was altered, or belongs to another query. */
    INVALID_CURSOR(1011, 400),
    /** A direct change between two classifications; the insight must be reset to null first. */
    CLASSIFICATION_CHANGE_REFUSED(1200, 409),
    /** The insight kept changing under a request; a retry may succeed. */
    CONCURRENT_MODIFICATION(1201, 409),
    /** A bulk change would be refused for some of its insights, so none of it was applied. */
    BULK_REFUSED(1203, 409),
    /** A bulk change's {@code if_unchanged_since} no longer matches: an insight changed since the preview. */
    BULK_PRECONDITION_FAILED(1204, 409),
    /** A webhook's target URL is not allowed: not https, or it resolves to a private or metadata address. */
    WEBHOOK_TARGET_REFUSED(1300, 400),
    /** No webhook subscription of this id in this account. */
    WEBHOOK_NOT_FOUND(1301, 404),
    /** The account already has as many webhook subscriptions as one account may have. */
    TOO_MANY_WEBHOOKS(1302, 409),
    /** The change-log entry exists but is not sealed yet (seals are made every second): retry. */
    ENTRY_NOT_SEALED(1202, 409),
    /** An unexpected failure inside Vigil; the log has the details under the request id. */
    INTERNAL_ERROR(1500, 500),
    /** The database could not be reached or did not commit; nothing was changed. */
    STORE_UNAVAILABLE(1501, 503),
    /** Too many writes are queued; nothing was changed. */
    OVERLOADED(1502, 503),
    /** This node does not hold a key of the cluster the request needs (another node does); nothing was changed. */
    KEY_NOT_ON_NODE(1503, 503),
    /**
     * Cloudflare: the credential used up its request budget, or the account its scans of the last 24 hours
     * ({@code retry-after} says for how long).
     */
    RATE_LIMITED(971, 429),
    /** Cloudflare: the request headers are invalid (details in {@code error_chain}). */
    INVALID_REQUEST_HEADERS(6003, 400),
    /** Cloudflare: the X-Auth-Email header is not an email address. */
    INVALID_EMAIL_HEADER(6102, 400),
    /** Cloudflare: the X-Auth-Key header is not a global API key. */
    INVALID_API_KEY_HEADER(6103, 400),
    /** Cloudflare: the Authorization header is not {@code Bearer <token>}. */
    INVALID_AUTHORIZATION_HEADER(6111, 400),
    /** Cloudflare: no route for the URI. */
    NO_ROUTE(7000, 404),
    /** Cloudflare: the route exists but not for this HTTP method. */
    METHOD_NOT_ALLOWED(7001, 405),
    /** Cloudflare: an identifier in the path is malformed. */
    INVALID_IDENTIFIER(7003, 400),
    /** Cloudflare: the email and global API key do not match a user. */
    UNKNOWN_API_KEY(9103, 401),
    /** Cloudflare: no credentials at all. */
    MISSING_CREDENTIALS(9106, 401),
    /** Cloudflare: the API token is unknown, revoked or expired. */
    INVALID_TOKEN(9109, 401),
    /** Cloudflare: the credentials are valid but do not grant this action on this account or zone. */
    PERMISSION_DENIED(10000, 403);

    private final int code;
    private final int status;

    ErrorCode(int code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The number sent as {@code errors[].code}. */
    public int code() {
        return code;
    }

    /** The HTTP status of a response carrying this error. */
    public int status() {
        return status;
    }

    /**
     * Whether repeating the same request may succeed. The official SDK retries 409, 429 and 5xx unless
     * told otherwise, so every other error is sent with {@code x-should-retry: false}.
     */
    public boolean retryable() {
        return this == CONCURRENT_MODIFICATION
                || this == STORE_UNAVAILABLE
                || this == OVERLOADED
                || this == KEY_NOT_ON_NODE
                || this == RATE_LIMITED;
    }
}
