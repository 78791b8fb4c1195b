package io.vigil.cli;

import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.store.Database;
import io.vigil.store.JdbcInsightStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil insights}: scanner-side operations. */
@Command(name = "insights", description = "Import insights.", subcommands = InsightsCommand.Import.class)
final class InsightsCommand {

    /**
     * {@code vigil insights import FILE}: upserts JSON Lines by id in batches. A bad line is reported with
     * its number and skipped whole; the other lines are imported; the exit code is 1 if any line was bad.
     */
    @Command(name = "import", description = "Upsert insights from a JSON Lines file (- for stdin).")
    static final class Import implements Callable<Integer> {
        private static final int BATCH = 5_000;

        @Mixin
        StoreOptions data = new StoreOptions();

        @Parameters(paramLabel = "FILE", description = "One insight per line, in the API's shape plus account_id.")
        String file = "-";

        @Spec
        CommandSpec spec;

        private record Parsed(int lineNumber, Insight insight) {}

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Instant now = Instant.now();
            int imported = 0;
            int rejected = 0;
            try (Database database = data.open();
                    JdbcInsightStore insights = new JdbcInsightStore(database);
                    BufferedReader reader = file.equals("-")
                            ? new BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))
                            : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                InsightService store = Scanner.service(insights);
                List<Parsed> batch = new ArrayList<>(BATCH);
                int lineNumber = 0;
                for (String line; (line = reader.readLine()) != null; ) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        batch.add(new Parsed(lineNumber, InsightLine.parse(line, now)));
                    } catch (IllegalArgumentException e) {
                        err.println("line " + lineNumber + ": " + e.getMessage());
                        rejected++;
                    }
                    if (batch.size() == BATCH) {
                        int stored = store(store, batch, err);
                        imported += stored;
                        rejected += batch.size() - stored;
                        batch.clear();
                    }
                }
                int stored = store(store, batch, err);
                imported += stored;
                rejected += batch.size() - stored;
            }
            out.println("imported " + imported + " insights, rejected " + rejected + " lines");
            return rejected == 0 ? 0 : 1;
        }

        /** Stores a batch in one transaction; if that fails, line by line, reporting the lines that fail. */
        private static int store(InsightService store, List<Parsed> batch, PrintWriter err) {
            if (batch.isEmpty()) {
                return 0;
            }
            try {
                store.importInsights(batch.stream().map(Parsed::insight).toList());
                return batch.size();
            } catch (IllegalArgumentException batchFailure) {
                int stored = 0;
                for (Parsed parsed : batch) {
                    try {
                        store.importInsights(List.of(parsed.insight()));
                        stored++;
                    } catch (IllegalArgumentException e) {
                        err.println("line " + parsed.lineNumber() + ": " + e.getMessage());
                    }
                }
                return stored;
            }
        }
    }
}
