package io.vigil.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.insight.Insight;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads what upstream holds for one account, as one step of a {@link Pass}: first the account's listing (which
 * lists its zones' insights too), then each zone's (which says where each belongs), then the account's own
 * insights are placed, dismissed or not, 1,000 a page (the most Cloudflare's list answers). Each insight placed
 * in a zone or the account is handed on at once, and its extended context fetched after its listing when it has
 * one Vigil does not hold. A run that cannot go on (its budget spent, upstream failing) leaves the pass where it
 * stopped, for the next run to go on from: no context is fetched twice, and an insight whose place is not known
 * yet is never guessed.
 */
final class Pull {
    /** The most insights one page of Cloudflare's list answers. */
    static final int PER_PAGE = 1_000;

    /** The most zones one page of Cloudflare's zone list answers. */
    static final int ZONES_PER_PAGE = 50;

    /**
     * One listing read to its end and standing still: every insight of its zone ({@code null}: the account) that
     * it does not list is gone upstream.
     */
    record Listing(@Nullable String zone, Set<String> ids) {}

    /**
     * What this run read.
     *
     * @param insights the insights placed in this run, by id, each with the zone it was listed under ({@code
     *     null}: the account's own), with its context unless that is still owed
     * @param contexts insights placed by an earlier run, as Vigil holds them, with the context this run fetched
     * @param whole the listings read to their end in this pass that stood still
     * @param refused insights Vigil cannot hold, with why
     * @param pass where the pass stands now; {@code null} if no pass could begin (the zones could not be listed)
     * @param started whether the pass began in this run (a pass that also ended in it read every insight now)
     * @param stop why the run stopped before the pass ended; {@code null} if it did not
     */
    record Mirror(
            Map<String, Insight> insights,
            Map<String, Insight> contexts,
            List<Listing> whole,
            List<String> refused,
            @Nullable Pass pass,
            boolean started,
            @Nullable SyncException stop) {

        /** Whether the pass ended in this run. */
        boolean finished() {
            return pass != null && pass.finished();
        }

        /** Whether this run read every insight of the account, and nothing moved meanwhile. */
        boolean complete() {
            return pass != null && started && pass.finished() && !pass.moved;
        }
    }

    private record Read(Insight insight, boolean hasContext) {}

    private final Upstream upstream;
    private final String account;
    private final Function<String, Optional<Insight>> local;
    private final Consumer<String> progress;
    private final Map<String, Insight> placed = new LinkedHashMap<>();
    private final Map<String, Insight> contexts = new LinkedHashMap<>();
    private final Map<String, Read> accountRead = new HashMap<>();
    private final List<Listing> whole = new ArrayList<>();
    private final Map<String, String> refused = new LinkedHashMap<>();

    /**
     * @param local the insight as Vigil holds it: where it is, and its context, to skip fetching one Vigil has
     * @param progress told what is being read, one short line at a time
     */
    Pull(Upstream upstream, String account, Function<String, Optional<Insight>> local, Consumer<String> progress) {
        this.upstream = upstream;
        this.account = account;
        this.local = local;
        this.progress = progress;
    }

    /**
     * Goes on with {@code resumed}, or begins a pass over {@code zones} (all of the account's when empty), and reads
     * until the pass ends or the run cannot go on.
     */
    Mirror read(@Nullable Pass resumed, List<String> zones) {
        Pass pass = resumed;
        SyncException stop = null;
        try {
            if (pass == null) {
                pass = Pass.start(zones.isEmpty() ? discoverZones() : zones, !zones.isEmpty());
            }
            fetchOwed(pass); // contexts an earlier run placed and could not fetch
            while (!pass.done()) {
                if (pass.atPlacing() && accountRead.keySet().containsAll(pass.unplaced)) {
                    // The account's listing was read in this run: place what no zone claimed without reading it again.
                    for (String id : List.copyOf(pass.unplaced)) {
                        Read read = accountRead.get(id);
                        if (read != null) {
                            place(read.insight(), read.hasContext(), pass);
                        }
                    }
                    pass.unplaced.clear();
                    pass.stepDone();
                    pass.nextListing();
                } else {
                    listPart(pass);
                }
                fetchOwed(pass);
            }
        } catch (SyncException e) {
            stop = e;
        }
        return new Mirror(placed, contexts, whole, List.copyOf(refused.values()), pass, resumed == null, stop);
    }

    private List<String> discoverZones() {
        List<String> zones = new ArrayList<>();
        for (int page = 1; ; page++) {
            progress.accept("zones, page " + page);
            JsonNode answer = upstream.get(
                    "/zones?account.id=" + encode(account) + "&per_page=" + ZONES_PER_PAGE + "&page=" + page);
            JsonNode result = answer.path("result");
            result.forEach(zone -> zones.add(zone.path("id").asText()));
            if (result.size() < ZONES_PER_PAGE) {
                return zones;
            }
        }
    }

    /** Reads one part of the step's listing (not dismissed, or dismissed) from the page the pass stands at. */
    private void listPart(Pass pass) {
        String zone = pass.zone();
        String path = (zone == null ? "/accounts/" + account : "/zones/" + zone) + "/security-center/insights";
        while (true) {
            progress.accept(pass.where() + (pass.dismissed ? ", dismissed" : "") + ", page " + pass.page);
            JsonNode answer = upstream.get(
                    path + "?dismissed=" + pass.dismissed + "&per_page=" + PER_PAGE + "&page=" + pass.page);
            JsonNode issues = answer.path("result").path("issues");
            pass.total(answer.path("result_info").path("total_count").asLong(-1));
            for (JsonNode issue : issues) {
                pass.seen++;
                take(issue, zone, pass);
            }
            pass.page++;
            if (issues.size() < PER_PAGE) {
                break;
            }
        }
        boolean placing = pass.atPlacing();
        if (pass.listingPartDone()) {
            if (!pass.listingMoved) {
                whole.add(new Listing(zone, Set.copyOf(pass.listed)));
            }
            if (placing) { // what the account's listing no longer lists is gone: nothing to place
                pass.unplaced.clear();
            }
            pass.nextListing();
        }
    }

    /** One listed insight, by the step: noted as the account's, placed in its zone, or placed as the account's own. */
    private void take(JsonNode issue, @Nullable String zone, Pass pass) {
        String id = issue.path("id").asText();
        pass.listed.add(id);
        Insight read;
        try {
            read = UpstreamInsight.read(issue, account, zone, null);
        } catch (IllegalArgumentException e) {
            refused.putIfAbsent(id, id + ": " + e.getMessage());
            return;
        }
        boolean hasContext = UpstreamInsight.hasContext(issue);
        if (pass.atAccountListing()) {
            Optional<Insight> held = local.apply(id);
            if (held.isEmpty() || held.get().zoneId() == null) { // a zone's listing may yet claim it
                pass.unplaced.add(id);
                accountRead.put(id, new Read(read, hasContext));
            }
        } else if (zone != null) {
            pass.unplaced.remove(id);
            place(read, hasContext, pass);
        } else if (pass.unplaced.remove(id)) { // listed by the account before any zone's listing, and by none
            place(read, hasContext, pass);
        }
    }

    /** Hands {@code read} on, with the context Vigil holds if upstream's insight did not change, else owing it. */
    private void place(Insight read, boolean hasContext, Pass pass) {
        if (!hasContext) {
            placed.put(read.id(), read);
            return;
        }
        Optional<Insight> held = local.apply(read.id());
        if (held.isPresent()
                && held.get().contextJson() != null
                && held.get().timestamp().equals(read.timestamp())) {
            placed.put(read.id(), withContext(read, held.get().contextJson()));
        } else {
            placed.put(read.id(), read);
            pass.owed.add(read.id());
        }
    }

    /** Fetches each owed context, for the insight placed in this run or, by an earlier one, as Vigil holds it. */
    private void fetchOwed(Pass pass) {
        for (String id : List.copyOf(pass.owed)) {
            Insight placedNow = placed.get(id);
            Insight base = placedNow != null ? placedNow : local.apply(id).orElse(null);
            if (base != null) {
                progress.accept("context of " + id);
                String context = upstream.get(
                                "/accounts/" + account + "/security-center/insights/" + encode(id) + "/context")
                        .path("result")
                        .toString();
                (placedNow != null ? placed : contexts).put(id, withContext(base, context));
            }
            pass.owed.remove(id);
        }
    }

    private static Insight withContext(Insight read, @Nullable String context) {
        return read.toBuilder()
                .contextJson(context)
                .classificationExpiresOn(null)
                .build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
