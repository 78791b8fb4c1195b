package io.vigil.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a connection, for its effect only, that may throw {@link SQLException}. */
@FunctionalInterface
interface SqlWork {
    void run(Connection connection) throws SQLException;
}
