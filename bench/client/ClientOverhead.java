import io.vigil.client.Classification;
import io.vigil.client.Insights;
import io.vigil.client.InsightsClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Java client's cost beside raw java.net.http on the PATCH benchmark's workload: THREADS virtual threads, each
 * owning its insights and walking them in passes (set false_positive, then reset to null), so every request is a
 * real change. The two ways alternate in one JVM, the order swapped every round; each measured window reports the
 * server's answers per second, the latency median and p99, and this process's CPU per request (what the client
 * itself costs). Usage: java -cp CLIENT_CLASSPATH ClientOverhead.java BASE_URL TOKEN ACCOUNT PREFIX COUNT THREADS
 * ROUNDS SECONDS
 */
public final class ClientOverhead {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    record Window(String way, double perSecond, double p50Ms, double p99Ms, double cpuUsPerRequest) {}

    interface Patch {
        void send(String id, boolean set) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String base = args[0], token = args[1], account = args[2], prefix = args[3];
        int count = Integer.parseInt(args[4]), threads = Integer.parseInt(args[5]);
        int rounds = Integer.parseInt(args[6]), seconds = Integer.parseInt(args[7]);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String insights = base + "/accounts/" + account + "/security-center/insights/";
        Patch raw = (id, set) -> {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(insights + id + "/classification"))
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(
                                    set ? "{\"classification\":\"false_positive\"}" : "{\"classification\":null}"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("\"success\":true")) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
        };
        InsightsClient client = InsightsClient.builder()
                .baseUrl(URI.create(base))
                .apiToken(token)
                .maxRetries(0)
                .build();
        Insights typed = client.account(account).insights();
        Patch viaClient = (id, set) -> {
            if (set) {
                typed.classify(id, Classification.FALSE_POSITIVE, null);
            } else {
                typed.resetClassification(id);
            }
        };
        Walk walk = new Walk(prefix, count, threads);
        run("warm-up raw", raw, walk, threads, 5);
        run("warm-up client", viaClient, walk, threads, 5);
        List<Window> windows = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean rawFirst = round % 2 == 0;
            windows.add(run(rawFirst ? "raw" : "client", rawFirst ? raw : viaClient, walk, threads, seconds));
            windows.add(run(rawFirst ? "client" : "raw", rawFirst ? viaClient : raw, walk, threads, seconds));
        }
        System.out.println("| round | way | PATCH/s | p50 ms | p99 ms | client CPU µs/request |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            System.out.printf("| %d | %s | %.0f | %.2f | %.2f | %.1f |%n",
                    i / 2 + 1, w.way(), w.perSecond(), w.p50Ms(), w.p99Ms(), w.cpuUsPerRequest());
        }
        System.out.println();
        System.out.println("| median of " + rounds + " rounds | PATCH/s | p50 ms | p99 ms | client CPU µs/request |");
        System.out.println("|---|---:|---:|---:|---:|");
        Window r = median(windows, "raw"), c = median(windows, "client");
        for (Window w : List.of(r, c)) {
            System.out.printf("| %s | %.0f | %.2f | %.2f | %.1f |%n",
                    w.way(), w.perSecond(), w.p50Ms(), w.p99Ms(), w.cpuUsPerRequest());
        }
        System.out.printf("| client / raw | %.2f× | %.2f× | %.2f× | %.2f× |%n",
                c.perSecond() / r.perSecond(), c.p50Ms() / r.p50Ms(), c.p99Ms() / r.p99Ms(),
                c.cpuUsPerRequest() / r.cpuUsPerRequest());
        client.close();
        System.exit(0);
    }

    /** Which insight a thread sends next, and whether to set or reset it: the same walk for both ways. */
    static final class Walk {
        private final String prefix;
        private final int count;
        private final int threads;
        private final int[] position;
        private final int[] pass;

        Walk(String prefix, int count, int threads) {
            this.prefix = prefix;
            this.count = count;
            this.threads = threads;
            this.position = new int[threads];
            this.pass = new int[threads];
        }

        /** The next request of thread {@code t}: its id, and true to set (false to reset). */
        Object[] next(int t) {
            int owned = (count - t - 1) / threads + 1;
            int index = t + 1 + position[t] * threads;
            boolean set = pass[t] % 2 == 0;
            if (++position[t] == owned) {
                position[t] = 0;
                pass[t]++;
            }
            return new Object[] {String.format("%s-%06d", prefix, index), set};
        }
    }

    private static Window run(String way, Patch patch, Walk walk, int threads, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> latencies = new ArrayList<>();
        int[] done = new int[threads];
        List<Thread> workers = new ArrayList<>();
        long cpu0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            workers.add(Thread.ofVirtual().start(() -> {
                try {
                    while (!stop.get()) {
                        Object[] next = walk.next(thread);
                        long start = System.nanoTime();
                        patch.send((String) next[0], (Boolean) next[1]);
                        mine[done[thread]++] = System.nanoTime() - start;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long cpu = OS.getProcessCpuTime() - cpu0;
        int total = Arrays.stream(done).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies.get(t), 0, all, at, done[t]);
            at += done[t];
        }
        Arrays.sort(all);
        Window window = new Window(way, total / elapsed, all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6,
                cpu / 1e3 / total);
        System.err.printf("client bench: %s: %.0f PATCH/s, p50 %.2f ms, p99 %.2f ms, %.1f µs CPU/request%n",
                way, window.perSecond(), window.p50Ms(), window.p99Ms(), window.cpuUsPerRequest());
        return window;
    }

    private static Window median(List<Window> windows, String way) {
        List<Window> mine = windows.stream().filter(w -> w.way().equals(way)).toList();
        return new Window(way,
                med(mine.stream().mapToDouble(Window::perSecond).toArray()),
                med(mine.stream().mapToDouble(Window::p50Ms).toArray()),
                med(mine.stream().mapToDouble(Window::p99Ms).toArray()),
                med(mine.stream().mapToDouble(Window::cpuUsPerRequest).toArray()));
    }

    private static double med(double[] values) {
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
