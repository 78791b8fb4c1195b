package io.vigil.sync;

/** A sync that could not go on: upstream refused it, kept failing, or the request budget ran out. */
public class SyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SyncException(String message) {
        super(message);
    }

    SyncException(String message, Throwable cause) {
        super(message, cause);
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

        Refused(String message) {
            super(message);
        }
    }
}
