package io.vigil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;

/**
 * PostgreSQL through a HikariCP pool. Transactions run at {@code READ COMMITTED}: every write Vigil makes
 * is a single-statement compare-and-set or an upsert, which PostgreSQL re-checks against the latest row
 * version after waiting for a concurrent writer, so no stronger isolation is needed. A fair semaphore in
 * front of the pool hands connections out in arrival order (Hikari alone favours the thread that last
 * returned one). Thread-safe.
 */
final class PostgresConnections implements Connections {
    private final HikariDataSource pool;
    private final Semaphore fair;
    private final String description;

    PostgresConnections(String jdbcUrl, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setPoolName("vigil");
        config.setConnectionTimeout(5_000);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        this.pool = new HikariDataSource(config);
        this.fair = new Semaphore(poolSize, true);
        this.description = redacted(jdbcUrl);
    }

    @Override
    public <T> T read(SqlFunction<T> work) {
        return withConnection(
                connection -> {
                    connection.setAutoCommit(true);
                    return work.apply(connection);
                },
                "read");
    }

    /** A read-only transaction, rolled back at the end: the driver fetches rows in chunks only inside one. */
    @Override
    public <T> T scan(SqlFunction<T> work) {
        return withConnection(
                connection -> {
                    connection.setAutoCommit(false);
                    try {
                        return work.apply(connection);
                    } finally {
                        connection.rollback();
                        connection.setAutoCommit(true);
                    }
                },
                "scan");
    }

    @Override
    public <T> T transaction(SqlFunction<T> work) {
        return withConnection(
                connection -> {
                    connection.setAutoCommit(false);
                    try {
                        T result = work.apply(connection);
                        connection.commit();
                        return result;
                    } catch (SQLException | RuntimeException e) {
                        try {
                            connection.rollback();
                        } catch (SQLException rollback) {
                            e.addSuppressed(rollback);
                        }
                        throw e;
                    } finally {
                        connection.setAutoCommit(true);
                    }
                },
                "write transaction");
    }

    private <T> T withConnection(SqlFunction<T> work, String operation) {
        try {
            fair.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a connection", e);
        }
        try (Connection connection = pool.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw SqlErrors.classify(e, operation);
        } finally {
            fair.release();
        }
    }

    /** The URL without its query (which may carry a password). */
    private static String redacted(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?…";
    }

    /** HikariCP's own meters ({@code hikaricp_connections_active}, {@code _pending}, {@code _max}, timings …). */
    @Override
    public void bindTo(MeterRegistry meters) {
        pool.setMetricRegistry(meters);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}
