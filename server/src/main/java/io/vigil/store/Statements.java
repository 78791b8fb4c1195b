package io.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** One statement with its arguments bound in order: the single-statement reads and writes of the stores. */
final class Statements {
    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Statements() {}

    /** Runs the write {@code sql} with {@code args}; returns how many rows it changed. */
    static int update(Connection connection, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            bind(p, args);
            return p.executeUpdate();
        }
    }

    /** The first row {@code sql} selects with {@code args}, read by {@code row}; empty if it selects none. */
    static <T> Optional<T> first(Connection connection, String sql, RowReader<T> row, Object... args)
            throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            bind(p, args);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
            }
        }
    }

    /** Binds {@code args} to the parameters 1, 2, … of {@code p}: strings, longs, ints or booleans. */
    static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case String s -> p.setString(i + 1, s);
                case Long l -> p.setLong(i + 1, l);
                case Integer n -> p.setInt(i + 1, n);
                case Boolean b -> p.setBoolean(i + 1, b);
                default -> throw new IllegalArgumentException("cannot bind a " + args[i].getClass());
            }
        }
    }
}
