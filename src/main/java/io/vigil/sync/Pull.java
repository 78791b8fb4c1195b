package io.vigil.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.insight.Insight;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads everything upstream holds for one account: its zones (or the ones named), every insight of the account
 * (which lists its zones' too) and then of each zone (which says where each belongs), dismissed or not, 1,000 a
 * page (the most Cloudflare's list answers), and the extended context of those that have one and changed since
 * Vigil last saw them. A listing whose total moved while it was read (insights added or dismissed meanwhile shift
 * the pages) is not complete; an incomplete read leaves out the new insights no zone claimed, whose zone it may
 * have missed.
 */
final class Pull {
    /** The most insights one page of Cloudflare's list answers. */
    static final int PER_PAGE = 1_000;

    /** The most zones one page of Cloudflare's zone list answers. */
    static final int ZONES_PER_PAGE = 50;

    /**
     * What upstream holds.
     *
     * @param insights by id, each with the zone it was listed under ({@code null}: the account's own)
     * @param refused insights Vigil cannot hold, with why
     * @param complete whether every listing was read whole and stood still meanwhile: only then may an insight
     *     missing from {@code insights} be taken as gone upstream
     */
    record Mirror(
            Map<String, Insight> insights,
            List<String> zones,
            List<String> refused,
            boolean complete,
            @Nullable String stopped) {}

    private final Upstream upstream;
    private final String account;
    private final Function<String, Optional<Insight>> local;
    private final Consumer<String> progress;
    private final Map<String, Insight> insights = new LinkedHashMap<>();
    private final List<String> refused = new ArrayList<>();
    private boolean complete = true;

    /**
     * @param local the insight as Vigil holds it, to skip fetching a context Vigil already has
     * @param progress told what is being read, one short line at a time
     */
    Pull(Upstream upstream, String account, Function<String, Optional<Insight>> local, Consumer<String> progress) {
        this.upstream = upstream;
        this.account = account;
        this.local = local;
        this.progress = progress;
    }

    /**
     * Reads the account's insights; {@code zones} names the zones to read, or is empty to read all of them. A
     * sync that cannot go on (the budget used up, upstream failing) stops here with what it read so far, which
     * is then not complete.
     */
    Mirror read(List<String> zones) {
        List<String> read = zones;
        String stopped = null;
        try {
            read = zones.isEmpty() ? discoverZones() : zones;
            if (zones.isEmpty()) { // first: an insight added meanwhile then shows in its zone's listing
                list("/accounts/" + account + "/security-center/insights", null);
            }
            for (String zone : read) {
                list("/zones/" + zone + "/security-center/insights", zone);
            }
            knownTypes();
        } catch (SyncException e) {
            complete = false;
            stopped = e.getMessage();
        }
        if (!complete) { // a zone's listing may have missed it: where a new one belongs is not known yet
            insights.values()
                    .removeIf(i -> i.zoneId() == null && local.apply(i.id()).isEmpty());
        }
        return new Mirror(insights, List.copyOf(read), List.copyOf(refused), complete, stopped);
    }

    private List<String> discoverZones() {
        List<String> zones = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = upstream.get(
                    "/zones?account.id=" + encode(account) + "&per_page=" + ZONES_PER_PAGE + "&page=" + page);
            JsonNode result = answer.path("result");
            result.forEach(zone -> zones.add(zone.path("id").asText()));
            if (result.size() < ZONES_PER_PAGE) {
                return zones;
            }
        }
    }

    /** Every insight of one listing, not dismissed then dismissed. */
    private void list(String path, @Nullable String zone) {
        for (boolean dismissed : new boolean[] {false, true}) {
            long firstTotal = -1;
            long seen = 0;
            for (int page = 1; ; page++) {
                progress.accept((zone == null ? "account" : "zone " + zone) + (dismissed ? ", dismissed" : "")
                        + ", page " + page);
                JsonNode answer =
                        upstream.get(path + "?dismissed=" + dismissed + "&per_page=" + PER_PAGE + "&page=" + page);
                JsonNode issues = answer.path("result").path("issues");
                long total = answer.path("result_info").path("total_count").asLong(-1);
                if (firstTotal < 0) {
                    firstTotal = total;
                } else if (total != firstTotal) {
                    complete = false; // the listing moved under the pages: what it shifted may be missing
                }
                for (JsonNode issue : issues) {
                    seen++;
                    take(issue, zone);
                }
                if (issues.size() < PER_PAGE) {
                    break;
                }
            }
            if (firstTotal >= 0 && seen < firstTotal) {
                complete = false;
            }
        }
    }

    private void take(JsonNode issue, @Nullable String zone) {
        String id = issue.path("id").asText();
        Insight listed = insights.get(id);
        if (listed != null) { // listed under the account first: its zone's listing says where it belongs
            insights.put(id, located(listed, zone));
            return;
        }
        try {
            Insight read = UpstreamInsight.read(issue, account, zone, null);
            if (UpstreamInsight.hasContext(issue)) {
                read = withContext(read);
            }
            insights.put(id, read);
        } catch (IllegalArgumentException e) {
            refused.add(id + ": " + e.getMessage());
        }
    }

    /** The insight with its extended context: Vigil's copy when upstream's insight did not change, else fetched. */
    private Insight withContext(Insight read) {
        Optional<Insight> held = local.apply(read.id());
        String context;
        if (held.isPresent()
                && held.get().contextJson() != null
                && held.get().timestamp().equals(read.timestamp())) {
            context = held.get().contextJson();
        } else {
            context = upstream.get(
                            "/accounts/" + account + "/security-center/insights/" + encode(read.id()) + "/context")
                    .path("result")
                    .toString();
        }
        return copy(read, read.zoneId(), context);
    }

    private static Insight located(Insight read, @Nullable String zone) {
        return copy(read, zone, read.contextJson());
    }

    private static Insight copy(Insight read, @Nullable String zone, @Nullable String context) {
        return new Insight(
                read.id(),
                read.accountId(),
                zone,
                read.issueClass(),
                read.issueType(),
                read.severity(),
                read.subject(),
                read.status(),
                read.dismissed(),
                read.payloadJson(),
                context,
                read.product(),
                read.resolveLink(),
                read.resolveText(),
                read.since(),
                read.timestamp(),
                read.userClassification());
    }

    /** Upstream's issue types: an insight of a type Vigil does not know was refused above; say which types. */
    private void knownTypes() {
        JsonNode types = upstream.get("/accounts/" + account + "/intel/attack-surface-report/issue-types")
                .path("result");
        for (JsonNode type : types) {
            if (io.vigil.insight.IssueType.fromWireName(type.asText()).isEmpty()) {
                refused.add("issue type '" + type.asText() + "': not one Vigil knows; its insights are skipped");
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
