package io.vigil.testing;

import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A fixed, varied set of insights over two accounts and three zones, for list and count tests. */
public final class Dataset {
    public static final List<String> CLASSES =
            List.of("dnssec_disabled", "exposed_origin_ip", "user_without_2fa", "spf_missing");
    public static final List<String> PRODUCTS = List.of("dns", "ssl", "access");
    public static final List<String> SUBJECTS =
            List.of("example.com", "www.example.com", "api.example.com", "a,b.example.com");

    private Dataset() {}

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** {@code n} insights from a fixed seed: ids {@code ds-0…}; about a fifth dismissed, some without product. */
    public static List<Insight> insights(int n) {
        Random random = new Random(42);
        List<Insight> insights = new ArrayList<>();
        Instant base = Instant.parse("2026-10-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            int where = random.nextInt(10);
            String account = where < 8 ? Insights.ACCOUNT : Insights.OTHER_ACCOUNT;
            String zone = where < 3
                    ? Insights.ZONE
                    : where < 5 ? Insights.SIBLING_ZONE : where == 9 ? Insights.OTHER_ACCOUNT_ZONE : null;
            Instant seen = base.plusSeconds(random.nextInt(1000) * 60L);
            insights.add(Insight.builder()
                    .id("ds-" + i)
                    .accountId(account)
                    .zoneId(zone)
                    .issueClass(CLASSES.get(random.nextInt(CLASSES.size())))
                    .issueType(pick(random, List.of(IssueType.values())))
                    .severity(pick(random, List.of(Severity.values())))
                    .subject(SUBJECTS.get(random.nextInt(SUBJECTS.size())))
                    .status(random.nextInt(4) == 0 ? InsightStatus.RESOLVED : InsightStatus.ACTIVE)
                    .dismissed(random.nextInt(5) == 0)
                    .payloadJson("{\"detection_method\":\"scan\"}")
                    .contextJson(random.nextInt(3) == 0 ? "{\"ports\":[" + i + "]}" : null)
                    .product(random.nextInt(6) == 0 ? null : PRODUCTS.get(random.nextInt(PRODUCTS.size())))
                    .resolveLink("https://example.com/fix/" + i)
                    .resolveText("Fix " + i)
                    .since(seen.minusSeconds(86_400))
                    .timestamp(seen)
                    .build());
        }
        return insights;
    }
}
