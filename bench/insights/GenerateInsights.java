import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a deterministic JSON Lines file of insights for {@code vigil insights import}, with realistic
 * distributions, for the read and import benchmarks (bench/insights/run.sh).
 *
 * <pre>
 *   java bench/insights/GenerateInsights.java --count 1000000 --zones 100 --seed 1 &gt; insights.jsonl
 *   java bench/insights/GenerateInsights.java --count 1000000 --zones 100 --seed 1 --flip-status 300000 &gt; flips.jsonl
 * </pre>
 *
 * <p>The same options always give the same bytes. Java 17 compatible single-file program (no build, no
 * dependencies). With {@code --flip-status N}, it writes only N of the same insights (evenly spread over the
 * file), identical except for their {@code status} (active becomes resolved and back): importing that file
 * over the first one makes Vigil write N status audit entries ({@code changed_by: system}).
 *
 * <p>Distributions: one account; {@code --zones} zones with a skewed (Zipf, s=0.6) share of the insights;
 * ~85% zone-level insights; 22 issue classes, each with a fixed issue type and product and a skewed weight
 * (zone-level and account-level classes apart); severity 55% Low, 35% Moderate, 10% Critical; ~10%
 * dismissed; ~15% resolved; 20 hostnames per zone with a skewed (Zipf, s=1) choice; payload with
 * {@code detection_method} (and {@code zone_tag} for zone insights); ~5% with a context object; {@code since}
 * spread over the 90 days before {@code --end}, {@code timestamp} between {@code since} and {@code --end}.
 */
public final class GenerateInsights {
    private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final long DAY_MS = 86_400_000L;
    private static final int SUBJECTS_PER_ZONE = 20;

    /** An issue class with its fixed type, product and relative weight. */
    private record IssueClass(String name, String type, String product, double weight, String resolveText) {}

    private static final IssueClass[] ZONE_CLASSES = {
        new IssueClass("always_use_https_disabled", "insecure_configuration", "ssl", 14, "Enable Always Use HTTPS"),
        new IssueClass("dnssec_disabled", "insecure_configuration", "dns", 11, "Enable DNSSEC"),
        new IssueClass("ssl_flexible_mode", "insecure_configuration", "ssl", 6, "Use Full (strict) SSL"),
        new IssueClass("waf_managed_rules_disabled", "insecure_configuration", "waf", 5, "Deploy the managed ruleset"),
        new IssueClass("bot_fight_mode_disabled", "insecure_configuration", "bots", 3, "Enable Bot Fight Mode"),
        new IssueClass("exposed_origin_ip", "exposed_infrastructure", "dns", 9, "Proxy the record"),
        new IssueClass("unproxied_dns_record", "exposed_infrastructure", "dns", 7, "Proxy the record"),
        new IssueClass("open_port_detected", "exposed_infrastructure", "dns", 4, "Close or firewall the port"),
        new IssueClass("exposed_admin_panel", "exposed_infrastructure", "waf", 2, "Protect it with Access"),
        new IssueClass("dmarc_record_missing", "email_security", "email", 8, "Add a DMARC record"),
        new IssueClass("spf_record_missing", "email_security", "email", 6, "Add an SPF record"),
        new IssueClass("dkim_record_missing", "email_security", "email", 4, "Add a DKIM record"),
        new IssueClass("spf_too_permissive", "email_security", "email", 2, "Tighten the SPF record"),
        new IssueClass("min_tls_version_below_1_2", "compliance_violation", "ssl", 5, "Set minimum TLS 1.2"),
        new IssueClass("hsts_disabled", "compliance_violation", "ssl", 3, "Enable HSTS"),
        new IssueClass("brotli_disabled", "configuration_suggestion", "speed", 4, "Enable Brotli"),
        new IssueClass("http3_disabled", "configuration_suggestion", "speed", 3, "Enable HTTP/3"),
        new IssueClass("rate_limiting_suggested", "configuration_suggestion", "waf", 2, "Add a rate limiting rule"),
    };

    private static final IssueClass[] ACCOUNT_CLASSES = {
        new IssueClass("super_admin_without_2fa", "weak_authentication", "access", 5, "Require 2FA"),
        new IssueClass("api_token_without_expiry", "weak_authentication", "access", 4, "Set an expiry"),
        new IssueClass("access_app_without_mfa", "weak_authentication", "access", 3, "Require MFA in the policy"),
        new IssueClass("public_r2_bucket", "exposed_infrastructure", "r2", 2, "Disable public access"),
    };

    private static final String[] DETECTION = {"scan", "scan", "scan", "config_check", "dns_lookup", "certificate_transparency"};
    private static final String[] HOST_PREFIX = {
        "www", "api", "app", "mail", "cdn", "static", "admin", "dev", "staging", "shop",
        "blog", "auth", "status", "vpn", "files", "img", "docs", "m", "beta", "internal"
    };
    private static final String[] WORDS = {
        "acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell", "cyberdyne",
        "soylent", "oscorp", "vandelay", "pied", "dunder", "aperture", "monarch", "massive", "gringotts", "nakatomi"
    };
    private static final String[] TLDS = {"com", "net", "io", "org", "dev", "co.uk", "de", "app"};

    public static void main(String[] args) throws IOException {
        int count = 1_000_000;
        int zones = 100;
        long seed = 1;
        int flip = 0;
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(need(args[i], value));
                case "--zones" -> zones = Integer.parseInt(need(args[i], value));
                case "--seed" -> seed = Long.parseLong(need(args[i], value));
                case "--flip-status" -> flip = Integer.parseInt(need(args[i], value));
                case "--end" -> end = Instant.parse(need(args[i], value));
                case "-h", "--help" -> {
                    System.out.println("usage: GenerateInsights [--count N] [--zones N] [--seed N]"
                            + " [--flip-status N] [--end RFC3339]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (count < 1 || zones < 1 || flip < 0 || flip > count) {
            throw new IllegalArgumentException("need --count >= 1, --zones >= 1, 0 <= --flip-status <= --count");
        }
        try (Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)) {
            new GenerateInsights(count, zones, seed, flip, end.toEpochMilli()).write(out);
        }
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private final int count;
    private final long seed;
    private final int flip;
    private final long endMs;
    private final String[] zoneIds;
    private final double[] zoneCdf;
    private final String[][] subjects;
    private final double[] subjectCdf;
    private final double[] zoneClassCdf;
    private final double[] accountClassCdf;
    private final StringBuilder line = new StringBuilder(1024);

    private GenerateInsights(int count, int zones, long seed, int flip, long endMs) {
        this.count = count;
        this.seed = seed;
        this.flip = flip;
        this.endMs = endMs;
        SplittableRandom setup = new SplittableRandom(seed ^ 0x5EEDL);
        zoneIds = new String[zones];
        subjects = new String[zones][SUBJECTS_PER_ZONE];
        for (int z = 0; z < zones; z++) {
            zoneIds[z] = hex32(setup.nextLong(), setup.nextLong());
            String domain = WORDS[setup.nextInt(WORDS.length)] + "-" + z + "." + TLDS[setup.nextInt(TLDS.length)];
            subjects[z][0] = domain;
            for (int s = 1; s < SUBJECTS_PER_ZONE; s++) {
                subjects[z][s] = HOST_PREFIX[s - 1] + "." + domain;
            }
        }
        zoneCdf = zipfCdf(zones, 0.6);
        subjectCdf = zipfCdf(SUBJECTS_PER_ZONE, 1.0);
        zoneClassCdf = cdf(ZONE_CLASSES);
        accountClassCdf = cdf(ACCOUNT_CLASSES);
    }

    private void write(Writer out) throws IOException {
        // With --flip-status N, insight i is written iff it is one of N evenly spread over [0, count).
        long written = 0;
        for (int i = 0; i < count; i++) {
            boolean flipped = false;
            if (flip > 0) {
                long want = ((long) (i + 1) * flip) / count; // how many of 0..i should be flipped
                if (want == written) {
                    continue;
                }
                written = want;
                flipped = true;
            }
            insight(i, flipped);
            out.append(line);
        }
    }

    /** Insight {@code i}: a function of the seed and {@code i} only, so every option set agrees on it. */
    private void insight(int i, boolean flipStatus) {
        SplittableRandom r = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + i));
        long hi = mix(seed * 0xD1B54A32D192ED03L ^ i); // bijective in i: ids never collide
        String id = uuidLike(hi, mix(hi ^ 0xA24BAED4963EE407L));
        boolean zoneLevel = r.nextDouble() < 0.85;
        int zone = zoneLevel ? pick(zoneCdf, r.nextDouble()) : -1;
        IssueClass c = zoneLevel
                ? ZONE_CLASSES[pick(zoneClassCdf, r.nextDouble())]
                : ACCOUNT_CLASSES[pick(accountClassCdf, r.nextDouble())];
        double s = r.nextDouble();
        String severity = s < 0.55 ? "Low" : s < 0.90 ? "Moderate" : "Critical";
        boolean resolved = r.nextDouble() < 0.15;
        if (flipStatus) {
            resolved = !resolved;
        }
        boolean dismissed = r.nextDouble() < 0.10;
        boolean hasContext = r.nextDouble() < 0.05;
        long sinceMs = endMs - 90 * DAY_MS + (long) (r.nextDouble() * 90 * DAY_MS);
        long timestampMs = sinceMs + (long) (r.nextDouble() * r.nextDouble() * (endMs - sinceMs));
        String subject = zoneLevel
                ? subjects[zone][pick(subjectCdf, r.nextDouble())]
                : c.type().equals("exposed_infrastructure")
                        ? "bucket-" + r.nextInt(40)
                        : "member-" + r.nextInt(200) + "@example.com";
        String detection = DETECTION[r.nextInt(DETECTION.length)];

        StringBuilder b = line;
        b.setLength(0);
        b.append("{\"id\":\"").append(id).append("\",\"account_id\":\"").append(ACCOUNT).append('"');
        if (zoneLevel) {
            b.append(",\"zone_id\":\"").append(zoneIds[zone]).append('"');
        }
        b.append(",\"issue_class\":\"").append(c.name())
                .append("\",\"issue_type\":\"").append(c.type())
                .append("\",\"severity\":\"").append(severity)
                .append("\",\"subject\":\"").append(subject)
                .append("\",\"status\":\"").append(resolved ? "resolved" : "active")
                .append("\",\"dismissed\":").append(dismissed)
                .append(",\"payload\":{\"detection_method\":\"").append(detection).append('"');
        if (zoneLevel) {
            b.append(",\"zone_tag\":\"").append(zoneIds[zone]).append('"');
        }
        b.append('}');
        if (hasContext) {
            b.append(",\"context\":{\"host\":\"").append(subject)
                    .append("\",\"first_seen_by\":\"").append(detection)
                    .append("\",\"evidence\":[{\"kind\":\"probe\",\"observed\":\"")
                    .append(Instant.ofEpochMilli(timestampMs)).append("\",\"score\":")
                    .append(r.nextInt(100)).append("}]}");
        }
        b.append(",\"product\":\"").append(c.product())
                .append("\",\"resolve_link\":\"https://dash.cloudflare.com/?to=/:account/")
                .append(zoneLevel ? ":zone/" : "").append(c.product())
                .append("\",\"resolve_text\":\"").append(c.resolveText())
                .append("\",\"since\":\"").append(Instant.ofEpochMilli(sinceMs))
                .append("\",\"timestamp\":\"").append(Instant.ofEpochMilli(timestampMs)).append("\"}\n");
    }

    private static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, s);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    private static double[] cdf(IssueClass[] classes) {
        double[] cdf = new double[classes.length];
        double sum = 0;
        for (int k = 0; k < classes.length; k++) {
            sum += classes[k].weight();
            cdf[k] = sum;
        }
        for (int k = 0; k < classes.length; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    private static int pick(double[] cdf, double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** SplitMix64's finaliser: a bijection on 64-bit values. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String hex32(long a, long b) {
        return String.format(Locale.ROOT, "%016x%016x", a, b);
    }

    private static String uuidLike(long a, long b) {
        String h = hex32(a, b);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }
}
