package io.vigil.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a connection's prepared statements compiled between uses: sqlite-jdbc compiles the SQL again on
 * every {@code prepareStatement}, a large share of a PATCH's CPU (docs/benchmarks.md). The wrapped
 * connection hands out the same statement for the same SQL; closing it only clears its parameters and
 * batch. At most {@link #SIZE} statements per connection (least recently used are closed). A connection is
 * used by one thread at a time, so no synchronisation is needed.
 */
final class StatementCache {
    static final int SIZE = 128;

    private StatementCache() {}

    /** {@code connection}, with its {@code prepareStatement(String)} cached. */
    static Connection wrap(Connection connection) {
        Map<String, PreparedStatement> cache = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= SIZE) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                String sql = (String) args[0];
                PreparedStatement statement = cache.get(sql);
                if (statement == null || statement.isClosed()) {
                    statement = connection.prepareStatement(sql);
                    cache.put(sql, statement);
                }
                return reusable(statement);
            }
            if (method.getName().equals("close")) {
                cache.values().forEach(StatementCache::closeQuietly);
                cache.clear();
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(
                StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /** A view of {@code statement} whose {@code close()} readies it for the next use instead. */
    private static PreparedStatement reusable(PreparedStatement statement) {
        return (PreparedStatement) Proxy.newProxyInstance(
                StatementCache.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                new Reusable(statement));
    }

    /** The handler of a cached statement's view. */
    private record Reusable(PreparedStatement statement) implements InvocationHandler {
        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
            if (method.getName().equals("close")) {
                statement.clearParameters();
                statement.clearBatch();
                return null;
            }
            return StatementCache.invoke(statement, method, args);
        }
    }

    /**
     * The driver's own statement behind a cached one, for binding thousands of rows: each call on the cached
     * view goes through reflection. The cached view must still be the one closed. Any other statement (one
     * from a connection this did not wrap) is returned as it is.
     */
    static PreparedStatement direct(PreparedStatement cached) throws SQLException {
        return Proxy.isProxyClass(cached.getClass()) && Proxy.getInvocationHandler(cached) instanceof Reusable
                ? cached.unwrap(PreparedStatement.class)
                : cached;
    }

    private static @Nullable Object invoke(Object target, Method method, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // the statement is being dropped from the cache; there is nothing to do with its failure
        }
    }
}
