// The per-op baseline of bench/run.sh (DATABASE=postgres) from a Java client: PostgreSQL's rate for the write
// behind one classification PATCH, one JDBC transaction per operation, measured the way shared Java stacks
// measure it (virtual threads, HikariCP). The same statements as bench/pgbench/per-op.sql:
//
//   UPDATE insights ... WHERE id = ? AND user_classification IS NOT DISTINCT FROM ?   (compare-and-set)
//   INSERT INTO audit_log ... SELECT ...                                             (only if it matched)
//   COMMIT
//
// CLIENTS virtual threads (one per simulated request stream) share a HikariCP pool of Vigil's own size on
// PostgreSQL (Math.max(4, 2 * availableProcessors + 1), configured as io.vigil.store.PostgresConnections
// does) behind a fair Semaphore, as Vigil has, so connections go out in arrival order. Client c owns the
// insights PREFIX-NNNNNN with NNNNNN = c+1, c+1+CLIENTS, ... <= COUNT and walks them in passes exactly as
// per-op.sql and bench/wrk/bench.lua do: even passes set false_positive (expecting null), odd passes reset
// to null (expecting false_positive), so every operation is a real change with one audit row.
//
// It first warms up for WARMUP seconds on other insights (WARM_PREFIX, WARM_COUNT of them; not measured),
// prints "PEROP warm" and waits until the file GO exists (the caller resets the classifications and takes a
// CHECKPOINT meanwhile; "-" skips the wait), then runs DURATION seconds on PREFIX and prints "PEROP key value"
// lines: ops, failed, unmatched (compare-and-sets that matched nothing: must be 0), elapsed_us, rps, p50_us,
// p99_us, p999_us, max_us (latency of an operation from asking for a connection to the end of its COMMIT),
// cpu_s (this JVM's CPU during the measured phase), pool and clients, and the warm-up's counts. Every
// operation started before the deadline is finished and counted, so the audit rows added by the measured
// phase = ops.
//
//   java -cp 'HikariCP.jar:postgresql.jar:slf4j-api.jar' bench/pgbench/PerOpJdbc.java \
//       JDBC_URL COUNT CLIENTS PREFIX WARM_PREFIX WARM_COUNT WARMUP_SECONDS DURATION_SECONDS GO

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

public final class PerOpJdbc {
    private static final String UPDATE = "UPDATE insights SET user_classification = ?"
            + " WHERE id = ? AND user_classification IS NOT DISTINCT FROM ?";
    // per-op.sql's INSERT, its pgbench variables turned into parameters.
    private static final String AUDIT = "INSERT INTO audit_log (id, issue_id, account_id, zone_id, field_changed,"
            + " previous_value, current_value, rationale, changed_by, changed_at_ms)"
            + " SELECT overlay(gen_random_uuid()::text PLACING substr(t.h, 1, 8) || '-' || substr(t.h, 9, 4) FROM 1 FOR 13),"
            + " i.id, i.account_id, i.zone_id, 'user_classification', ?, ?,"
            + " NULL, 'token:00000000-0000-7000-8000-000000000000', t.ms"
            + " FROM insights i,"
            + " (SELECT lpad(to_hex(ms), 12, '0') AS h, ms"
            + " FROM (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms) now) t"
            + " WHERE i.id = ? AND i.user_classification IS NOT DISTINCT FROM ?";
    private static final String SET = "false_positive";

    /** One client's walk over its own insights, and the latencies of its measured operations. */
    private static final class Client {
        final int index;
        final int owned; // how many insights this client owns
        final int clients;
        final String prefix;
        long pos; // operations done so far
        long[] latencies = new long[4096];
        int measured;

        Client(int index, int count, int clients, String prefix) {
            this.index = index;
            this.owned = (count - index - 1) / clients + 1;
            this.clients = clients;
            this.prefix = prefix;
        }

        void record(long nanos) {
            if (measured == latencies.length) {
                latencies = Arrays.copyOf(latencies, measured * 2);
            }
            latencies[measured++] = nanos;
        }
    }

    private final HikariDataSource pool;
    private final Semaphore fair;
    private final LongAdder failed = new LongAdder();
    private final LongAdder unmatched = new LongAdder();

    private PerOpJdbc(String url, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setPoolName("per-op");
        config.setConnectionTimeout(5_000);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        this.pool = new HikariDataSource(config);
        this.fair = new Semaphore(poolSize, true);
    }

    /** One operation: the compare-and-set, the audit row if it matched, COMMIT. Returns whether it committed. */
    private boolean operation(Client client) throws InterruptedException {
        long k = client.pos % client.owned;
        boolean set = (client.pos / client.owned) % 2 == 0;
        client.pos++;
        String id = String.format("%s-%06d", client.prefix, client.index + 1 + k * client.clients);
        String next = set ? SET : null;
        String expected = set ? null : SET;
        fair.acquire();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int changed;
                try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                    update.setString(1, next);
                    update.setString(2, id);
                    update.setString(3, expected);
                    changed = update.executeUpdate();
                }
                if (changed == 1) {
                    try (PreparedStatement audit = connection.prepareStatement(AUDIT)) {
                        audit.setString(1, expected);
                        audit.setString(2, next);
                        audit.setString(3, id);
                        audit.setString(4, next);
                        audit.executeUpdate();
                    }
                } else {
                    unmatched.increment();
                }
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            failed.increment();
            if (failed.sum() <= 5) {
                System.err.println("per-op: " + e);
            }
            return false;
        } finally {
            fair.release();
        }
    }

    /** Runs every client until the deadline; returns the operations committed. */
    private long phase(List<Client> clients, long seconds, boolean measure) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        LongAdder ops = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (Client client : clients) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    while (System.nanoTime() - deadline < 0) {
                        long started = System.nanoTime();
                        if (operation(client)) {
                            ops.increment();
                            if (measure) {
                                client.record(System.nanoTime() - started);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return ops.sum();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            System.err.println("usage: PerOpJdbc JDBC_URL COUNT CLIENTS PREFIX WARM_PREFIX WARM_COUNT"
                    + " WARMUP_SECONDS DURATION_SECONDS GO");
            System.exit(2);
        }
        String url = args[0];
        int count = Integer.parseInt(args[1]);
        int clientCount = Integer.parseInt(args[2]);
        String prefix = args[3];
        String warmPrefix = args[4];
        int warmCount = Integer.parseInt(args[5]);
        long warmup = Long.parseLong(args[6]);
        long duration = Long.parseLong(args[7]);
        Path go = args[8].equals("-") ? null : Path.of(args[8]);
        if (count < clientCount || (warmup > 0 && warmCount < clientCount)) {
            throw new IllegalArgumentException("COUNT and WARM_COUNT must be >= CLIENTS: every client owns insights");
        }
        int poolSize = Math.max(4, 2 * Runtime.getRuntime().availableProcessors() + 1); // as Database.open
        PerOpJdbc bench = new PerOpJdbc(url, poolSize);
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        long warmupOps = warmup > 0 ? bench.phase(clients(warmCount, clientCount, warmPrefix), warmup, false) : 0;
        long warmupFailed = bench.failed.sumThenReset();
        long warmupUnmatched = bench.unmatched.sumThenReset();
        System.out.println("PEROP warm");
        System.out.flush();
        while (go != null && !Files.exists(go)) {
            Thread.sleep(5);
        }
        List<Client> clients = clients(count, clientCount, prefix);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long ops = bench.phase(clients, duration, true);
        long elapsed = System.nanoTime() - t0;
        long cpu1 = os.getProcessCpuTime();
        bench.pool.close();

        long[] all = new long[(int) ops];
        int n = 0;
        for (Client client : clients) {
            System.arraycopy(client.latencies, 0, all, n, client.measured);
            n += client.measured;
        }
        Arrays.sort(all, 0, n);
        System.out.println("PEROP pool " + poolSize);
        System.out.println("PEROP clients " + clientCount);
        System.out.println("PEROP warmup_ops " + warmupOps);
        System.out.println("PEROP warmup_failed " + warmupFailed);
        System.out.println("PEROP warmup_unmatched " + warmupUnmatched);
        System.out.println("PEROP ops " + ops);
        System.out.println("PEROP failed " + bench.failed.sum());
        System.out.println("PEROP unmatched " + bench.unmatched.sum());
        System.out.println("PEROP elapsed_us " + elapsed / 1_000);
        System.out.printf("PEROP rps %.1f%n", ops / (elapsed / 1e9));
        System.out.println("PEROP p50_us " + percentile(all, n, 0.5));
        System.out.println("PEROP p99_us " + percentile(all, n, 0.99));
        System.out.println("PEROP p999_us " + percentile(all, n, 0.999));
        System.out.println("PEROP max_us " + (n == 0 ? 0 : all[n - 1] / 1_000));
        System.out.printf("PEROP cpu_s %.2f%n", (cpu1 - cpu0) / 1e9);
    }

    private static List<Client> clients(int count, int clientCount, String prefix) {
        List<Client> clients = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            clients.add(new Client(c, count, clientCount, prefix));
        }
        return clients;
    }

    /** The value at rank floor(n * p) of the sorted latencies (as run-postgres.sh ranks pgbench's), in µs. */
    private static long percentile(long[] sorted, int n, double p) {
        return n == 0 ? 0 : sorted[Math.min(n - 1, (int) (n * p))] / 1_000;
    }
}
