package io.vigil.scanner;

import io.vigil.insight.Insight;
import io.vigil.scan.Scan;
import io.vigil.scan.ScanReport;
import io.vigil.scan.ScanReports;
import io.vigil.scan.ScanRequest;
import io.vigil.scan.ScanSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs a scan with the operator's scanners: each is run for the scan's scope, every line it prints is read as an
 * insight of the import shape, and only when every scanner ran and every line is an insight of that scope are they
 * applied, at once, as an import (each status change recorded as {@code system}), which also resolves what a scanner
 * reported in the last scan of this scope and no longer reports ({@link ScanReport}). A scanner that fails, or a line
 * that is not such an insight, fails the scan and changes nothing, and is not taken as reporting nothing.
 *
 * <p>What a scanner gets: {@code VIGIL_ACCOUNT_ID}, {@code VIGIL_ZONE_ID} (a zone's scan), {@code VIGIL_SCAN_ID},
 * and {@code VIGIL_ISSUE_TYPE} or {@code VIGIL_ISSUE_CLASS} when the scan asks for one kind: a scanner may look for
 * less; the scan keeps only what it asked for.
 */
public final class ScannerSource implements ScanSource {
    private final List<Scanner> scanners;
    private final Function<byte[], Insight> lines;
    private final ScanReports apply;

    /**
     * @param lines reads one printed line as an insight (the import shape); throws IllegalArgumentException, with
     *     the reason, on anything else
     * @param apply applies what a scan's scanners reported, in one go
     */
    public ScannerSource(List<Scanner> scanners, Function<byte[], Insight> lines, ScanReports apply) {
        this.scanners = List.copyOf(scanners);
        this.lines = Objects.requireNonNull(lines, "lines == null");
        this.apply = Objects.requireNonNull(apply, "apply == null");
    }

    @Override
    public Outcome run(Scan scan) {
        Map<String, String> scope = scope(scan);
        Map<String, List<Insight>> found = new LinkedHashMap<>();
        for (Scanner scanner : scanners) {
            List<Insight> reported = new ArrayList<>();
            found.put(scanner.name(), reported);
            List<String> printed;
            try {
                printed = scanner.run(scope);
            } catch (ScannerFailed e) {
                return Outcome.failed(String.valueOf(e.getMessage()));
            }
            int number = 0;
            for (String line : printed) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Insight insight;
                try {
                    insight = lines.apply(line.getBytes(StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Outcome.failed("scanner '" + scanner.name() + "' line " + number
                            + " is not an insight of the import shape: " + e.getMessage() + "; nothing was applied");
                }
                String outside = outside(scan, insight);
                if (outside != null) {
                    return Outcome.failed("scanner '" + scanner.name() + "' line " + number + ": insight '"
                            + insight.id() + "' " + outside + "; nothing was applied");
                }
                if (scan.request().covers(insight)) {
                    reported.add(insight);
                }
            }
        }
        if (!scanners.isEmpty()) { // a scanner that printed nothing reports that what it reported before is gone
            apply.applyScan(new ScanReport(scan, found));
        }
        return Outcome.COMPLETED;
    }

    private static Map<String, String> scope(Scan scan) {
        Map<String, String> scope = new LinkedHashMap<>();
        scope.put("VIGIL_ACCOUNT_ID", scan.accountId());
        if (scan.zoneId() != null) {
            scope.put("VIGIL_ZONE_ID", scan.zoneId());
        }
        scope.put("VIGIL_SCAN_ID", scan.id());
        switch (scan.request()) {
            case ScanRequest.OfType t ->
                scope.put("VIGIL_ISSUE_TYPE", t.issueType().wireName());
            case ScanRequest.OfClass c -> scope.put("VIGIL_ISSUE_CLASS", c.issueClass());
            case ScanRequest.Everything e -> {}
        }
        return scope;
    }

    /** Why {@code insight} lies outside what {@code scan} covers, or null if it lies inside. */
    private static @Nullable String outside(Scan scan, Insight insight) {
        if (!insight.accountId().equals(scan.accountId())) {
            return "belongs to account " + insight.accountId() + ", not to the scanned " + scan.accountId();
        }
        if (scan.zoneId() != null && !scan.zoneId().equals(insight.zoneId())) {
            return "is not of the scanned zone " + scan.zoneId();
        }
        return null;
    }
}
