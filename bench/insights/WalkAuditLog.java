import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows an audit log's cursors from page 1 to page {@code --pages}, one request at a time on one
 * keep-alive connection, and prints the cursor that fetches page {@code --pages} (for wrk to request it
 * again and again), with timings of the walk. Java 17 compatible single-file program, no dependencies.
 *
 * <pre>
 *   java bench/insights/WalkAuditLog.java --url 'http://127.0.0.1:PORT/client/v4/accounts/ID/security-center/insights/audit-log?per_page=25' \
 *       --pages 10000 [--compare 2000] [--timeout-s 900]     (the token is read from VIGIL_TOKEN)
 * </pre>
 *
 * <p>stdout: {@code cursor <c>} (the cursor of page N), then {@code WALK key value} lines: total seconds,
 * pages per second, and the mean and p99 latency in ms of the first and the last 500 pages. With
 * {@code --compare M}, it then requests page 1 and page N alternately, M times each, on the same connection,
 * and prints the median and p99 of each: a one-client comparison in which both see the same conditions.
 */
public final class WalkAuditLog {
    // result_info is rendered after result; audit entries have no "cursor" field.
    private static final Pattern CURSOR = Pattern.compile("\"cursor\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws IOException, InterruptedException {
        String url = null;
        int pages = 10_000;
        long timeoutS = 900;
        int compare = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--pages" -> pages = Integer.parseInt(args[i + 1]);
                case "--timeout-s" -> timeoutS = Long.parseLong(args[i + 1]);
                case "--compare" -> compare = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String token = System.getenv("VIGIL_TOKEN");
        if (url == null || token == null || pages < 2) {
            throw new IllegalArgumentException("need --url, --pages >= 2 and VIGIL_TOKEN");
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String separator = url.contains("?") ? "&" : "?";
        long[] nanos = new long[pages - 1];
        long start = System.nanoTime();
        long deadline = start + timeoutS * 1_000_000_000L;
        String cursor = null;
        for (int page = 1; page < pages; page++) {
            String target = cursor == null ? url : url + separator + "cursor=" + cursor;
            long t0 = System.nanoTime();
            HttpResponse<String> response = get(client, target, token, page);
            nanos[page - 1] = System.nanoTime() - t0;
            Matcher m = CURSOR.matcher(response.body());
            if (!m.find()) {
                throw new IllegalStateException("page " + page + " is the last one: the log has fewer than "
                        + pages + " pages");
            }
            cursor = m.group(1);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("walk timed out after " + timeoutS + " s at page " + page);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("cursor " + cursor);
        System.out.printf("WALK pages %d%n", pages - 1);
        System.out.printf("WALK seconds %.1f%n", seconds);
        System.out.printf("WALK pages_per_s %.0f%n", (pages - 1) / seconds);
        int window = Math.min(500, nanos.length / 2);
        System.out.printf("WALK window %d%n", window);
        stats("first", Arrays.copyOfRange(nanos, 0, window));
        stats("last", Arrays.copyOfRange(nanos, nanos.length - window, nanos.length));
        if (compare > 0) {
            String deep = url + separator + "cursor=" + cursor;
            long[] first = new long[compare];
            long[] last = new long[compare];
            for (int i = 0; i < compare; i++) {
                long t0 = System.nanoTime();
                get(client, url, token, 1);
                first[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                get(client, deep, token, pages);
                last[i] = System.nanoTime() - t0;
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("comparison timed out after " + timeoutS + " s");
                }
            }
            System.out.printf("WALK compare_n %d%n", compare);
            percentiles("page1", first);
            percentiles("deep", last);
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url, String token, int page)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("page " + page + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static void percentiles(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("WALK %s_median_ms %.3f%n", name, sorted[sorted.length / 2] / 1e6);
        System.out.printf("WALK %s_p99_ms %.3f%n", name, sorted[(int) Math.floor(0.99 * (sorted.length - 1))] / 1e6);
    }

    private static void stats(String name, long[] nanos) {
        long sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("WALK %s_mean_ms %.2f%n", name, sum / 1e6 / nanos.length);
        System.out.printf(
                "WALK %s_p99_ms %.2f%n", name, sorted[(int) Math.floor(0.99 * (sorted.length - 1))] / 1e6);
    }
}
