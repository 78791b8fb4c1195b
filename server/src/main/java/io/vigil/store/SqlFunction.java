package io.vigil.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a connection that may throw {@link SQLException}. */
@FunctionalInterface
interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
