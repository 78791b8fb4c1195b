package io.vigil.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.scan.Scan;
import io.vigil.scan.ScanRequest;
import io.vigil.scan.ScanSource;
import java.time.Duration;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scan of the account the server syncs ({@code serve --sync-every}): Cloudflare's own "start scan" is sent to the
 * upstream, which runs it where it serves scans; once the upstream's scan has ended (or at once, where it serves
 * none), the account is pulled as {@code vigil sync} pulls it. Scans of other accounts are left to the other sources.
 */
public record SyncScans(Sync sync, SyncSchedule schedule, InstantSource clock) implements ScanSource {
    private static final Logger LOG = LoggerFactory.getLogger(SyncScans.class);

    /** How long a scan waits for the upstream's to end before pulling what is there. */
    static final Duration UPSTREAM_WAIT = Duration.ofMinutes(3);

    private static final Duration POLL = Duration.ofSeconds(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Outcome run(Scan scan) {
        if (!scan.accountId().equals(schedule.account())) {
            return Outcome.COMPLETED;
        }
        Upstream upstream = schedule.upstream().get();
        String path = scan.zoneId() == null
                ? "/accounts/" + scan.accountId() + "/security-center/insights/scans"
                : "/zones/" + scan.zoneId() + "/security-center/insights/scans";
        String started = start(upstream, path, scan.request());
        if (started != null) {
            awaitEnd(upstream, path, started);
        }
        SyncReport report =
                sync.run(upstream, schedule.account(), schedule.zones(), false, schedule.push(), line -> {});
        return report.stopped() == null
                ? Outcome.COMPLETED
                : Outcome.failed("pulling the account from the upstream stopped: " + report.stopped());
    }

    /** The upstream's scan id, or null where it does not start one (it serves no scans, or its quota is spent). */
    private static @Nullable String start(Upstream upstream, String path, ScanRequest request) {
        try {
            JsonNode answer = upstream.send("POST", path, body(request));
            String id = answer.path("result").path("scan_id").asText("");
            return id.isEmpty() ? null : id;
        } catch (SyncException e) {
            LOG.info("the upstream started no scan ({}); pulling what it has", e.getMessage());
            return null;
        }
    }

    private void awaitEnd(Upstream upstream, String path, String id) {
        long deadline = clock.millis() + UPSTREAM_WAIT.toMillis();
        while (clock.millis() < deadline) {
            try {
                for (JsonNode scan : upstream.get(path).path("result").path("scans")) {
                    if (id.equals(scan.path("scan_id").asText())
                            && !"in_progress".equals(scan.path("status").asText())) {
                        return;
                    }
                }
                Thread.sleep(POLL.toMillis());
            } catch (SyncException e) {
                LOG.info("the upstream's scan {} cannot be followed ({}); pulling what it has", id, e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.info("the upstream's scan {} did not end within {}; pulling what it has", id, UPSTREAM_WAIT);
    }

    private static String body(ScanRequest request) {
        return switch (request) {
            case ScanRequest.Everything e -> "{}";
            case ScanRequest.OfType t -> "{\"issue_type\":\"" + t.issueType().wireName() + "\"}";
            case ScanRequest.OfClass c ->
                JSON.createObjectNode().put("issue_class", c.issueClass()).toString();
        };
    }
}
