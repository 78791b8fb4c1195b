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
 *       --pages 10000 [--timeout-s 900]     (the token is read from the environment variable VIGIL_TOKEN)
 * </pre>
 *
 * <p>stdout: {@code cursor <c>} (the cursor of page N), then {@code WALK key value} lines: total seconds,
 * pages per second, and the mean and p99 latency in ms of the first and the last 500 pages.
 */
public final class WalkAuditLog {
    // result_info is rendered after result; audit entries have no "cursor" field.
    private static final Pattern CURSOR = Pattern.compile("\"cursor\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws IOException, InterruptedException {
        String url = null;
        int pages = 10_000;
        long timeoutS = 900;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--pages" -> pages = Integer.parseInt(args[i + 1]);
                case "--timeout-s" -> timeoutS = Long.parseLong(args[i + 1]);
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
            HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            long t0 = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[page - 1] = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("page " + page + ": HTTP " + response.statusCode() + " " + response.body());
            }
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
