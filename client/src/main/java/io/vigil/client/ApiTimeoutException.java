package io.vigil.client;

/** No answer within the client's timeout ({@link InsightsClient.Builder#timeout}). */
public final class ApiTimeoutException extends ApiConnectionException {
    private static final long serialVersionUID = 1L;

    ApiTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
