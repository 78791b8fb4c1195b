package io.vigil.store;

import io.vigil.error.ErrorCode;
import io.vigil.error.UnavailableException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one place database failures are classified, by SQLite result code or PostgreSQL SQLSTATE. Failures a
 * retry can cure (busy, locked, I/O, full disk, lost connection, serialization failure, deadlock, server
 * restarting) become a 503 {@link UnavailableException} with {@code Retry-After}; anything else is a bug and stays an
 * {@link IllegalStateException} (a logged 500). Both keep the cause and name the operation; neither
 * renders statement arguments, so no secret reaches a message.
 */
final class SqlErrors {
    private SqlErrors() {}

    static RuntimeException classify(SQLException e, String operation) {
        if (isTransient(e)) {
            return new UnavailableException(
                    ErrorCode.STORE_UNAVAILABLE, "the database is unavailable; nothing was changed, retry", e);
        }
        return new IllegalStateException(
                operation + " failed: SQLState " + e.getSQLState() + ", code " + e.getErrorCode(), e);
    }

    private static boolean isTransient(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            int primary = code.code & 0xFF;
            return primary == SQLiteErrorCode.SQLITE_BUSY.code
                    || primary == SQLiteErrorCode.SQLITE_LOCKED.code
                    || primary == SQLiteErrorCode.SQLITE_IOERR.code
                    || primary == SQLiteErrorCode.SQLITE_FULL.code
                    || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code;
        }
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08") // connection exceptions
                || state.equals("40001") // serialization failure
                || state.equals("40P01") // deadlock detected
                || state.startsWith("53") // insufficient resources (disk full, too many connections)
                || state.equals("57P01") // admin shutdown
                || state.equals("57P03"); // cannot connect now (starting up, in recovery)
    }
}
