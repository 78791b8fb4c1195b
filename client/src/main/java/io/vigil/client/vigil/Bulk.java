package io.vigil.client.vigil;

/**
 * One classification or dismissal for up to 1,000 insights of an account or zone, each by the rules of the single
 * operation, all or nothing: if any insight would be refused, nothing changes ({@code ConflictException} code 1203).
 * A dry run answers what would happen and changes nothing; apply exactly that by passing its {@link
 * BulkOutcome#statesToken()} back ({@code ifUnchangedSince}).
 *
 * <p>Only a dry run is retried: an applied bulk sent again would answer "unchanged" for what it changed.
 */
public interface Bulk {
    /** Applies, or with {@link BulkClassification#preview()} previews, one classification change. */
    BulkOutcome classify(BulkClassification request);

    /** Applies, or with {@link BulkDismissal#preview()} previews, one dismissal or restore. */
    BulkOutcome dismiss(BulkDismissal request);
}
