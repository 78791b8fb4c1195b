package io.vigil.scan;

import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the scanners of one scan reported, each by its name: the insights of the scan's scope and of the kind it
 * asked for, each scanner's in the order it printed them. Applied as one import, which also resolves what the
 * scanners reported before in this scope and no longer do ({@link #resolve}).
 *
 * <p>The rule: an insight a scanner reported in the last scan of this scope (the same account, and the same zone for
 * a zone's scan) is resolved when that scanner does not report it now, the scan asked for its kind, no scanner of
 * this scan reports it, nothing else still reports it (another scanner, or a scan of another scope), and it is not
 * resolved already. Insights no scanner ever reported (imported by hand, synced) are never resolved by a scan. An
 * insight reported again later follows the import's rules: it is open again only if the scanner prints it open.
 */
public record ScanReport(Scan scan, Map<String, List<Insight>> byScanner) {
    public ScanReport {
        Objects.requireNonNull(scan, "scan == null");
        Map<String, List<Insight>> copy = new LinkedHashMap<>();
        byScanner.forEach((name, insights) -> copy.put(name, List.copyOf(insights)));
        byScanner = Collections.unmodifiableMap(copy);
    }

    /** What a scan's report resolves, and what each scanner no longer reports (forgotten for this scope). */
    public record Resolution(List<Insight> resolved, Map<String, Set<String>> forgotten) {
        public Resolution {
            resolved = List.copyOf(resolved);
            forgotten = Map.copyOf(forgotten);
        }
    }

    /** The scope reports are remembered under: the zone's id for a zone's scan, empty for the account's. */
    public String scope() {
        String zone = scan.zoneId();
        return zone == null ? "" : zone;
    }

    /** Every insight reported, each id once: a later scanner's line for an id wins. */
    public List<Insight> insights() {
        Map<String, Insight> byId = new LinkedHashMap<>();
        byScanner.values().forEach(insights -> insights.forEach(i -> byId.put(i.id(), i)));
        return new ArrayList<>(byId.values());
    }

    /** The ids each scanner reported now. */
    public Set<String> reported(String scanner) {
        Set<String> ids = new HashSet<>();
        byScanner.getOrDefault(scanner, List.of()).forEach(i -> ids.add(i.id()));
        return ids;
    }

    /**
     * The ids of {@code before} no scanner of this scan reports now: what {@link #resolve} needs read.
     *
     * @param before what each scanner of this scan reported in the last scan of this scope, by its name
     */
    public Set<String> dropped(Map<String, Set<String>> before) {
        Set<String> now = new HashSet<>();
        insights().forEach(i -> now.add(i.id()));
        Set<String> dropped = new HashSet<>();
        before.forEach((scanner, ids) -> {
            if (byScanner.containsKey(scanner)) {
                ids.stream().filter(id -> !now.contains(id)).forEach(dropped::add);
            }
        });
        return dropped;
    }

    /**
     * Decides what this scan resolves and what its scanners forget.
     *
     * @param before what each scanner of this scan reported in the last scan of this scope, by its name
     * @param stored the stored insights among {@link #dropped} (an id not there is forgotten)
     * @param elsewhere those of {@link #dropped} still reported by a scanner that is not of this scan, or in a scan
     *     of another scope
     * @return copies of the resolved insights with status {@code resolved}, ready to import
     */
    public Resolution resolve(Map<String, Set<String>> before, Map<String, Insight> stored, Set<String> elsewhere) {
        Set<String> dropped = dropped(before);
        List<Insight> resolved = new ArrayList<>();
        for (String id : dropped.stream().sorted().toList()) {
            Insight insight = stored.get(id);
            if (insight != null
                    && scan.request().covers(insight)
                    && !elsewhere.contains(id)
                    && insight.status() != InsightStatus.RESOLVED) {
                resolved.add(insight.toBuilder().status(InsightStatus.RESOLVED).build());
            }
        }
        Map<String, Set<String>> forgotten = new LinkedHashMap<>();
        before.forEach((scanner, ids) -> {
            if (!byScanner.containsKey(scanner)) {
                return;
            }
            Set<String> now = reported(scanner);
            Set<String> gone = new HashSet<>();
            for (String id : ids) {
                Insight insight = stored.get(id);
                // A scan of one kind says nothing of the scanner's insights of other kinds: those stay remembered.
                if (!now.contains(id) && (insight == null || scan.request().covers(insight))) {
                    gone.add(id);
                }
            }
            if (!gone.isEmpty()) {
                forgotten.put(scanner, gone);
            }
        });
        return new Resolution(resolved, forgotten);
    }
}
