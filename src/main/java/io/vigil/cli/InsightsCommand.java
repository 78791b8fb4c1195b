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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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

        /** A chunk of parsed lines, and how many lines of it were rejected (already reported). */
        private record Chunk(List<Parsed> insights, int rejected, boolean last) {}

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int imported = 0;
            int rejected = 0;
            try (Database database = data.open();
                    JdbcInsightStore insights = new JdbcInsightStore(database);
                    BufferedReader reader = file.equals("-")
                            ? new BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))
                            : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                InsightService store = Scanner.service(insights);
                // Parsing runs on a thread of its own, a chunk ahead of the writer: two cores, not one.
                BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(2);
                Thread parser = Thread.ofPlatform()
                        .daemon()
                        .name("vigil-import-parser")
                        .start(() -> parse(reader, chunks, err));
                for (Chunk chunk = chunks.take(); ; chunk = chunks.take()) {
                    int stored = store(store, chunk.insights(), err);
                    imported += stored;
                    rejected += chunk.rejected() + chunk.insights().size() - stored;
                    if (chunk.last()) {
                        break;
                    }
                }
                parser.join();
            }
            out.println("imported " + imported + " insights, rejected " + rejected + " lines");
            return rejected == 0 ? 0 : 1;
        }

        /** Reads and parses every line into chunks of {@link #BATCH}; the last chunk says so. */
        private static void parse(BufferedReader reader, BlockingQueue<Chunk> chunks, PrintWriter err) {
            Instant now = Instant.now();
            List<Parsed> batch = new ArrayList<>(BATCH);
            int rejected = 0;
            int lineNumber = 0;
            try {
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
                        chunks.put(new Chunk(batch, rejected, false));
                        batch = new ArrayList<>(BATCH);
                        rejected = 0;
                    }
                }
                chunks.put(new Chunk(batch, rejected, true));
            } catch (IOException | RuntimeException e) {
                err.println("reading stopped after line " + lineNumber + ": " + e.getMessage());
                putLast(chunks, new Chunk(batch, rejected + 1, true));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void putLast(BlockingQueue<Chunk> chunks, Chunk last) {
            try {
                chunks.put(last);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
