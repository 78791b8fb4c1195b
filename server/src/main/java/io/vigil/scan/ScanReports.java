package io.vigil.scan;

/**
 * Where a scan's report is applied (the port; {@code store.JdbcInsightStore} implements it). Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface ScanReports {
    /**
     * Applies {@code report} all or nothing, in one transaction: its insights imported as {@code vigil insights
     * import} imports them, what it {@link ScanReport#resolve resolves} imported as {@code resolved}, every status
     * change recorded in the change log as made by {@code system}, and what each scanner reported remembered for the
     * next scan of the scope.
     *
     * @throws IllegalArgumentException if an insight would move to another account or zone
     */
    void applyScan(ScanReport report);
}
