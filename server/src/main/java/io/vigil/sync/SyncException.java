package io.vigil.sync;

/** A sync that could not go on: upstream refused it, kept failing, or the request budget ran out. */
public class SyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    SyncException(String message) {
        this(message, 0);
    }

    /** @param status the HTTP status upstream refused with; 0 if it did not answer one */
    SyncException(String message, int status) {
        super(message);
        this.status = status;
    }

    SyncException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** What a person should check, when the failure says more than its message; empty if nothing. */
    public String hint() {
        return switch (status) {
            case 401, 403 -> "is the token valid, and allowed to read this account's zones and insights?";
            case 404 ->
                "is --from the API's root (Cloudflare's: https://api.cloudflare.com/client/v4), and the account id"
                        + " one it holds?";
            default -> "";
        };
    }

    /** The run's {@code --max-requests} were all used before it finished. */
    static final class BudgetExhausted extends SyncException {
        private static final long serialVersionUID = 1L;

        BudgetExhausted(int max) {
            super("the request budget (" + max + ") is used up; run again to go on");
        }
    }

    /** Upstream answered a request with a client error: this request is refused, the sync may go on. */
    static final class Refused extends SyncException {
        private static final long serialVersionUID = 1L;

        Refused(String message, int status) {
            super(message, status);
        }
    }
}
