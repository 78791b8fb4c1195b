package io.vigil.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where one reading of an account from upstream (a pass) stands. A pass reads the account's listing, then each
 * zone's, then places the account's own insights; a run that stops before the end (its budget spent, upstream
 * failing) keeps the pass ({@link SyncLog#keepPass}) and the next run goes on from the page it stopped at. Not
 * thread-safe: one run owns it.
 *
 * <p>Steps: {@code 0} the account's listing (only when every zone is read), {@code 1..zones} each zone's,
 * {@code zones + 1} placing the account's own insights, then done. Each listing is read not dismissed, then
 * dismissed, page by page.
 */
final class Pass {
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<String> zones;
    /** Whether the zones were named ({@code --zone}): then the account's listing is not read. */
    final boolean named;
    /** The account's listed insights that no zone's listing has claimed yet in this pass. */
    final Set<String> unplaced;
    /** Placed insights whose extended context is still to be fetched. */
    final Set<String> owed;
    /** The insights the listing being read has listed so far. */
    final Set<String> listed;

    int step;
    boolean dismissed;
    int page = 1;
    long firstTotal = -1;
    long seen;
    /** Whether the listing being read moved under its pages (its total changed, or it listed fewer). */
    boolean listingMoved;
    /** Whether any listing of this pass moved: then the pass is not a whole picture of upstream. */
    boolean moved;

    private Pass(List<String> zones, boolean named, Set<String> unplaced, Set<String> owed, Set<String> listed) {
        this.zones = List.copyOf(zones);
        this.named = named;
        this.unplaced = unplaced;
        this.owed = owed;
        this.listed = listed;
    }

    /** A new pass over {@code zones}, from the account's listing unless the zones were {@code named}. */
    static Pass start(List<String> zones, boolean named) {
        Pass pass = new Pass(zones, named, new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        pass.step = named ? 1 : 0;
        return pass;
    }

    boolean atAccountListing() {
        return step == 0;
    }

    /** The zone whose listing is next, or null if the step is not a zone's. */
    @Nullable
    String zone() {
        return step >= 1 && step <= zones.size() ? zones.get(step - 1) : null;
    }

    boolean atPlacing() {
        return step == zones.size() + 1;
    }

    boolean done() {
        return step > zones.size() + 1;
    }

    /** Whether {@code zones}, as a sync is asked to read them, are what this pass reads. */
    boolean reads(List<String> named) {
        return named.isEmpty() ? !this.named : this.named && zones.equals(named);
    }

    /** Notes that the listing's total read {@code total} on its latest page. */
    void total(long total) {
        if (firstTotal < 0) {
            firstTotal = total;
        } else if (total != firstTotal) {
            listingMoved = true;
        }
    }

    /**
     * Moves from a listing's insights not dismissed to its dismissed ones, or to the next step; true when a whole
     * listing ended (then {@link #listed} holds it until {@link #nextListing}).
     */
    boolean listingPartDone() {
        if (firstTotal >= 0 && seen < firstTotal) {
            listingMoved = true;
        }
        page = 1;
        firstTotal = -1;
        seen = 0;
        if (!dismissed) {
            dismissed = true;
            return false;
        }
        dismissed = false;
        step++;
        moved |= listingMoved;
        return true;
    }

    /** Starts the next listing afresh. */
    void nextListing() {
        listed.clear();
        listingMoved = false;
    }

    /** Moves past a step that is not a listing (placing). */
    void stepDone() {
        step++;
    }

    /** Where the pass stands, for a person: "zone 2 of 3", "the account's listing". */
    String where() {
        if (atAccountListing()) {
            return "the account's listing";
        }
        if (zone() != null) {
            return "zone " + step + " of " + zones.size();
        }
        return atPlacing() ? "placing the account's own insights" : "done";
    }

    /** Where the next run goes on, for a person. */
    String goesOn() {
        String at = done() ? "" : where() + (dismissed ? ", dismissed" : "") + ", page " + page;
        if (owed.isEmpty()) {
            return at;
        }
        return owed.size() + (owed.size() == 1 ? " context" : " contexts") + " to fetch"
                + (at.isEmpty() ? "" : ", then " + at);
    }

    /** Whether nothing is left to read: every listing, every context. */
    boolean finished() {
        return done() && owed.isEmpty();
    }

    String json() {
        ObjectNode node = JSON.createObjectNode()
                .put("named", named)
                .put("step", step)
                .put("dismissed", dismissed)
                .put("page", page)
                .put("first_total", firstTotal)
                .put("seen", seen)
                .put("listing_moved", listingMoved)
                .put("moved", moved);
        ArrayNode zoneIds = node.putArray("zones");
        zones.forEach(zoneIds::add);
        ArrayNode unplacedIds = node.putArray("unplaced");
        unplaced.forEach(unplacedIds::add);
        ArrayNode owedIds = node.putArray("owed");
        owed.forEach(owedIds::add);
        ArrayNode listedIds = node.putArray("listed");
        listed.forEach(listedIds::add);
        return node.toString();
    }

    /** The pass {@link #json} wrote; throws {@link IllegalArgumentException} if {@code text} is not one. */
    static Pass parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            Pass pass = new Pass(
                    strings(node.path("zones")),
                    node.path("named").asBoolean(),
                    new LinkedHashSet<>(strings(node.path("unplaced"))),
                    new LinkedHashSet<>(strings(node.path("owed"))),
                    new LinkedHashSet<>(strings(node.path("listed"))));
            pass.step = node.path("step").asInt();
            pass.dismissed = node.path("dismissed").asBoolean();
            pass.page = Math.max(1, node.path("page").asInt(1));
            pass.firstTotal = node.path("first_total").asLong(-1);
            pass.seen = node.path("seen").asLong();
            pass.listingMoved = node.path("listing_moved").asBoolean();
            pass.moved = node.path("moved").asBoolean();
            return pass;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a sync pass: " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
