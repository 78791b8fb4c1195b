import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times SQL statements on a SQLite database through the same driver (sqlite-jdbc) and engine as the server,
 * for bench/insights/diagnose.sh. Java 17 compatible single-file program; the driver comes from the class path:
 *
 * <pre>
 *   java -cp server/target/lib/sqlite-jdbc-VERSION.jar bench/insights/SqlTimer.java DB [RUNS] &lt; script.sql
 * </pre>
 *
 * <p>The script is a list of statements, each ending with {@code ;} at the end of a line (a {@code CREATE
 * TRIGGER} with a line {@code END;}). A statement
 * preceded by a {@code -- @name} line is a query to time: its plan ({@code EXPLAIN QUERY PLAN}) is printed,
 * then it runs once to warm up and RUNS (default 5) more times, reading every row, and the median and
 * minimum times are printed. Any other statement (PRAGMA, CREATE INDEX, INSERT...) runs once and its time
 * is printed. One connection, opened as the server opens its read connections (busy_timeout 5000, no
 * other pragma unless the script sets one), so the page cache behaves as in the server.
 */
public final class SqlTimer {
    public static void main(String[] args) throws IOException, SQLException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: SqlTimer DB [RUNS] < script.sql");
        }
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String script = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0])) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
            }
            System.out.println("sqlite " + c.getMetaData().getDatabaseProductVersion());
            String label = null;
            StringBuilder sql = new StringBuilder();
            for (String line : script.split("\n", -1)) {
                String trimmed = line.trim();
                if (sql.length() == 0 && trimmed.startsWith("-- @")) {
                    label = trimmed.substring(4).trim();
                    continue;
                }
                if (sql.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
                    continue;
                }
                sql.append(line).append('\n');
                boolean trigger = sql.toString().trim().toUpperCase(java.util.Locale.ROOT).startsWith("CREATE TRIGGER");
                if (trigger ? trimmed.equalsIgnoreCase("END;") : trimmed.endsWith(";")) {
                    String statement = sql.toString().trim();
                    statement = statement.substring(0, statement.length() - 1);
                    if (label != null) {
                        query(c, label, statement, runs);
                    } else {
                        once(c, statement);
                    }
                    label = null;
                    sql.setLength(0);
                }
            }
        }
    }

    private static void query(Connection c, String label, String sql, int runs) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rs.next()) {
                plan.add(rs.getString("detail"));
            }
        }
        long rows = 0;
        String value = null;
        double[] ms = new double[runs];
        double[] prepareMs = new double[runs];
        for (int r = -1; r < runs; r++) {
            long t0 = System.nanoTime();
            rows = 0;
            try (PreparedStatement p = c.prepareStatement(sql)) {
                if (r >= 0) {
                    prepareMs[r] = (System.nanoTime() - t0) / 1e6;
                }
                try (ResultSet rs = p.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            rs.getString(i);
                        }
                        if (rows == 0 && columns == 1) {
                            value = rs.getString(1);
                        }
                        rows++;
                    }
                }
            }
            if (r >= 0) {
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        Arrays.sort(prepareMs);
        System.out.printf("QUERY %-28s median %8.2f ms  min %8.2f ms  (prepare %.3f ms)  rows %d%s  plan: %s%n",
                label, ms[runs / 2], ms[0], prepareMs[runs / 2], rows,
                rows == 1 && value != null ? " (" + value + ")" : "", String.join(" / ", plan));
    }

    private static void once(Connection c, String sql) throws SQLException {
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            boolean results = s.execute(sql);
            String first = "";
            if (results) {
                try (ResultSet rs = s.getResultSet()) {
                    if (rs.next()) {
                        first = " -> " + rs.getString(1);
                    }
                }
            }
            System.out.printf("STMT  %8.2f ms  %s%s%n", (System.nanoTime() - t0) / 1e6,
                    sql.replaceAll("\\s+", " "), first);
        }
    }
}
