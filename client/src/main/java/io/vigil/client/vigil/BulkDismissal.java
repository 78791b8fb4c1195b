package io.vigil.client.vigil;

import org.jspecify.annotations.Nullable;

/**
 * A bulk dismissal ({@code dismiss} true) or restore (false) of every selected insight.
 *
 * @param dryRun answer what would happen, change nothing
 * @param ifUnchangedSince a dry run's {@link BulkOutcome#statesToken()}: refused (code 1204) if any insight changed
 */
public record BulkDismissal(
        BulkSelection selection,
        boolean dismiss,
        boolean dryRun,
        @Nullable String ifUnchangedSince) {
    /** Dismisses every selected insight. */
    public static BulkDismissal dismiss(BulkSelection selection) {
        return new BulkDismissal(selection, true, false, null);
    }

    /** Restores every selected insight. */
    public static BulkDismissal restore(BulkSelection selection) {
        return new BulkDismissal(selection, false, false, null);
    }

    /** This change as a dry run: what would happen to each insight; nothing changes. */
    public BulkDismissal preview() {
        return new BulkDismissal(selection, dismiss, true, ifUnchangedSince);
    }

    /** This change, applied only if no insight changed since the dry run that answered {@code statesToken}. */
    public BulkDismissal ifUnchangedSince(String statesToken) {
        return new BulkDismissal(selection, dismiss, false, statesToken);
    }
}
