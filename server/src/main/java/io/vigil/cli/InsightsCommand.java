package io.vigil.cli;

import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.store.BulkLoad;
import io.vigil.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil insights}: scanner-side operations. */
@Command(name = "insights", description = "Import insights.", subcommands = InsightsCommand.Import.class)
final class InsightsCommand {
    /**
     * {@code vigil insights import FILE}: upserts JSON Lines by id in batches. A bad line is reported with
     * its number and skipped whole; the other lines are imported; the exit code is 1 if any line was bad.
     * A large import is a {@link BulkLoad} (see {@code --bulk}).
     */
    @Command(name = "import", description = "Upsert insights from a JSON Lines file (- for stdin).")
    static final class Import extends StoreCommand {
        /** Lines per parsed chunk, and per transaction of an ordinary import. */
        private static final int BATCH = 5_000;
        /** Lines per transaction of a bulk load: fewer, larger commits. */
        private static final int BULK_BATCH = 50_000;
        /** Bytes read from the start of a file to estimate its number of lines. */
        private static final int SAMPLE_BYTES = 1 << 20;

        /** Whether to import as a bulk load. */
        enum Bulk {
            AUTO,
            ALWAYS,
            NEVER
        }

        @Parameters(paramLabel = "FILE", description = "One insight per line, in the API's shape plus account_id.")
        String file = "-";

        @Option(
                names = "--bulk",
                paramLabel = "WHEN",
                converter = BulkConverter.class,
                description = "auto (default): a bulk load when the file holds at least 100,000 lines and at least"
                        + " a quarter as many as the database holds insights (never for stdin); always; never."
                        + " A bulk load drops the list indexes for the import and rebuilds them after it: far"
                        + " faster for large files, but a running server lists slowly meanwhile (counts stay exact).")
        Bulk bulk = Bulk.AUTO;

        private record Parsed(int lineNumber, Insight insight) {}

        /** Stable: the lines of one id keep their order. */
        private static final java.util.Comparator<Parsed> BY_ID =
                java.util.Comparator.comparing(parsed -> parsed.insight().id());

        /** A chunk of parsed lines, and how many lines of it were rejected (already reported). */
        private record Chunk(List<Parsed> insights, int rejected, boolean last) {}

        @Override
        public Integer call() throws Exception {
            PrintWriter out = out();
            PrintWriter err = spec.commandLine().getErr();
            int imported = 0;
            int rejected = 0;
            try (Backend backend = data.open();
                    InputStream input = file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
                    BulkLoad load = bulkLoad(backend.database())) {
                InsightService store = backend.insights();
                int batch = load == null ? BATCH : BULK_BATCH;
                // Parsing runs on a thread of its own, a transaction's worth ahead of the writer: two cores, not one.
                BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(Math.max(2, batch / BATCH));
                Thread parser = Thread.ofPlatform()
                        .daemon()
                        .name("vigil-import-parser")
                        .start(() -> parse(new ByteLines(input), chunks, err));
                List<Parsed> pending = new ArrayList<>(batch);
                for (Chunk chunk = chunks.take(); ; chunk = chunks.take()) {
                    pending.addAll(chunk.insights());
                    rejected += chunk.rejected();
                    if (pending.size() >= batch || chunk.last()) {
                        int stored = store(store, pending, err);
                        imported += stored;
                        rejected += pending.size() - stored;
                        pending = new ArrayList<>(batch);
                    }
                    if (chunk.last()) {
                        break;
                    }
                }
                parser.join();
            }
            out.println("imported " + imported + " insights, rejected " + rejected + " lines");
            return rejected == 0 ? 0 : 1;
        }

        /** A bulk load if {@code --bulk} asks for one or it pays for this file; {@code null} otherwise. */
        private @Nullable BulkLoad bulkLoad(Database database) throws IOException {
            boolean wanted = switch (bulk) {
                case ALWAYS -> true;
                case NEVER -> false;
                case AUTO -> !file.equals("-") && BulkLoad.pays(database, expectedLines(Path.of(file)));
            };
            return wanted ? BulkLoad.begin(database) : null;
        }

        /** About how many lines {@code path} holds: its size over the mean length of its first lines. */
        private static long expectedLines(Path path) throws IOException {
            long size = Files.size(path);
            byte[] sample = new byte[(int) Math.min(size, SAMPLE_BYTES)];
            try (var in = Files.newInputStream(path)) {
                int read = in.readNBytes(sample, 0, sample.length);
                long lines = 0;
                for (int i = 0; i < read; i++) {
                    lines += sample[i] == '\n' ? 1 : 0;
                }
                return read == 0 ? 0 : Math.max(lines, 1) * size / read;
            }
        }

        /** Parses {@code auto}, {@code always}, {@code never}. */
        static final class BulkConverter implements CommandLine.ITypeConverter<Bulk> {
            @Override
            public Bulk convert(String value) {
                for (Bulk b : Bulk.values()) {
                    if (b.name().equalsIgnoreCase(value)) {
                        return b;
                    }
                }
                throw new CommandLine.TypeConversionException("expected auto, always or never, got '" + value + "'");
            }
        }

        /** Reads and parses every line into chunks of {@link #BATCH}; the last chunk says so. */
        private static void parse(ByteLines lines, BlockingQueue<Chunk> chunks, PrintWriter err) {
            Instant now = Instant.now();
            SharedStrings shared = new SharedStrings();
            List<Parsed> batch = new ArrayList<>(BATCH);
            int rejected = 0;
            int lineNumber = 0;
            try {
                for (byte[] line = lines.next(); line != null; line = lines.next()) {
                    lineNumber++;
                    if (ByteLines.isBlank(line)) {
                        continue;
                    }
                    try {
                        batch.add(new Parsed(lineNumber, InsightLine.parse(line, now, shared)));
                    } catch (IllegalArgumentException e) {
                        err.println("line " + lineNumber + ": " + e.getMessage());
                        rejected++;
                    }
                    if (batch.size() == BATCH) {
                        // The store sorts each transaction's lines by id (stable); sorted chunks leave it runs to
                        // merge, and this thread has time to spare.
                        batch.sort(BY_ID);
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

        /**
         * Stores a batch in one transaction; if that fails, in tenths of it, down to line by line, reporting
         * the lines that fail.
         */
        private static int store(InsightService store, List<Parsed> batch, PrintWriter err) {
            if (batch.isEmpty()) {
                return 0;
            }
            try {
                store.importInsights(batch.stream().map(Parsed::insight).toList());
                return batch.size();
            } catch (IllegalArgumentException batchFailure) {
                if (batch.size() == 1) {
                    err.println("line " + batch.get(0).lineNumber() + ": " + batchFailure.getMessage());
                    return 0;
                }
                int part = Math.max(1, batch.size() <= 100 ? 1 : (batch.size() + 9) / 10);
                int stored = 0;
                for (int from = 0; from < batch.size(); from += part) {
                    stored += store(store, batch.subList(from, Math.min(batch.size(), from + part)), err);
                }
                return stored;
            }
        }
    }
}
