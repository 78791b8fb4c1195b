package io.vigil.client;

import static io.vigil.client.VigilServer.ACCOUNT;
import static io.vigil.client.VigilServer.ZONE;
import static io.vigil.client.VigilServer.insight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.client.vigil.BulkClassification;
import io.vigil.client.vigil.BulkDismissal;
import io.vigil.client.vigil.BulkOutcome;
import io.vigil.client.vigil.BulkSelection;
import io.vigil.client.vigil.Checkpoint;
import io.vigil.client.vigil.InclusionProof;
import io.vigil.client.vigil.KeyChain;
import io.vigil.client.vigil.Seal;
import io.vigil.client.vigil.WebhookEventKind;
import io.vigil.client.vigil.WebhookRequest;
import io.vigil.client.vigil.WebhookSubscription;
import io.vigil.client.vigil.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Vigil's extensions, reached through {@code client.vigil()}, against a real Vigil server. */
class VigilExtensionsTest {
    static VigilServer server;
    static InsightsClient client;

    @BeforeAll
    static void start() {
        server = VigilServer.start();
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        server.seed(
                insight("expiring", ACCOUNT, null, t).build(),
                insight("bulk-1", ACCOUNT, null, t).build(),
                insight("bulk-2", ACCOUNT, null, t).build(),
                insight("bulk-accepted", ACCOUNT, null, t).build(),
                insight("staging-1", ACCOUNT, ZONE, t)
                        .subject("staging.example.com")
                        .build(),
                insight("staging-2", ACCOUNT, ZONE, t)
                        .subject("staging.example.com")
                        .build(),
                insight("proven", ACCOUNT, ZONE, t).build());
        client = server.client(server.editToken(ACCOUNT));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void expiring_listsTheDecisionsDueWithinTheWindow() {
        Instant expiry = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        client.account(ACCOUNT)
                .insights()
                .classify(
                        "expiring",
                        ClassificationUpdate.set(Classification.ACCEPT_RISK, "until the fix")
                                .expiringOn(expiry));

        List<Insight> within30 =
                client.vigil().account(ACCOUNT).expiring(30).stream().toList();

        assertThat(within30).extracting(Insight::id).containsExactly("expiring");
        assertThat(within30.get(0).classificationExpiresOn()).isEqualTo(expiry);
        assertThat(client.vigil().account(ACCOUNT).expiring(5, 10)).isEmpty();
        assertThat(client.vigil().zone(ZONE).expiring(30)).isEmpty();
    }

    @Test
    void bulkClassification_previewedThenAppliedAsPreviewed() {
        BulkClassification change = BulkClassification.set(
                BulkSelection.ids("bulk-1", "bulk-2"), Classification.FALSE_POSITIVE, "scanner noise");

        BulkOutcome preview = client.vigil().account(ACCOUNT).bulk().classify(change.preview());
        assertThat(preview.applied()).isFalse();
        assertThat(preview.bulkId()).isNull();
        assertThat(preview.totals()).isEqualTo(new BulkOutcome.Totals(2, 0, 0));
        assertThat(preview.items())
                .extracting(BulkOutcome.Item::id, BulkOutcome.Item::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bulk-1", BulkOutcome.Outcome.CHANGE),
                        org.assertj.core.groups.Tuple.tuple("bulk-2", BulkOutcome.Outcome.CHANGE));

        BulkOutcome applied =
                client.vigil().account(ACCOUNT).bulk().classify(change.ifUnchangedSince(preview.statesToken()));
        assertThat(applied.applied()).isTrue();
        assertThat(applied.bulkId()).isNotNull();
        assertThat(client.account(ACCOUNT).insights().auditLog("bulk-2", AuditLogQuery.ALL))
                .extracting(AuditLogEntry::bulkId)
                .containsExactly(applied.bulkId());
    }

    @Test
    void bulkClassification_withARefusal_changesNothing_andThePreviewSaysWhy() {
        client.account(ACCOUNT).insights().classify("bulk-accepted", Classification.ACCEPT_RISK, "pentest scope");
        BulkClassification change =
                BulkClassification.set(BulkSelection.ids("bulk-accepted"), Classification.OTHER, "changed my mind");

        BulkOutcome preview = client.vigil().account(ACCOUNT).bulk().classify(change.preview());
        assertThat(preview.items().get(0).outcome()).isEqualTo(BulkOutcome.Outcome.REFUSED);
        assertThat(preview.items().get(0).error())
                .isNotNull()
                .extracting(ApiError::code)
                .isEqualTo(1200);

        assertThatThrownBy(() -> client.vigil().account(ACCOUNT).bulk().classify(change))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo(1203));
    }

    @Test
    void bulkDismissal_byFilter_onAZone() {
        BulkSelection staging = BulkSelection.matching(
                InsightQuery.builder().subject("staging.example.com").build());

        BulkOutcome dismissed = client.vigil().zone(ZONE).bulk().dismiss(BulkDismissal.dismiss(staging));
        assertThat(dismissed.items())
                .extracting(BulkOutcome.Item::id)
                .containsExactlyInAnyOrder("staging-1", "staging-2");
        assertThat(client.zone(ZONE)
                        .insights()
                        .list(InsightQuery.builder().dismissed(true).build()))
                .extracting(Insight::id)
                .containsExactlyInAnyOrder("staging-1", "staging-2");

        // A filter chooses as the list would; the dismissed ones are chosen by asking for them.
        BulkSelection dismissedStaging = BulkSelection.matching(InsightQuery.builder()
                .subject("staging.example.com")
                .dismissed(true)
                .build());
        BulkOutcome restored = client.vigil().zone(ZONE).bulk().dismiss(BulkDismissal.restore(dismissedStaging));
        assertThat(restored.totals()).isEqualTo(new BulkOutcome.Totals(2, 0, 0));
    }

    @Test
    void webhooks_madeListedPausedReplayedRotatedAndRemoved() {
        Webhooks webhooks = client.vigil().account(ACCOUNT).webhooks();

        WebhookSubscription made = webhooks.create(WebhookRequest.to("https://192.0.2.10/hook")
                .zones(ZONE)
                .kinds(WebhookEventKind.CLASSIFICATION_CHANGED)
                .severities(Severity.CRITICAL));
        assertThat(made.secret()).startsWith("whsec_");
        assertThat(made.zones()).containsExactly(ZONE);
        assertThat(made.kinds()).containsExactly(WebhookEventKind.CLASSIFICATION_CHANGED);
        assertThat(made.severities()).containsExactly(Severity.CRITICAL);
        assertThat(made.state()).isEqualTo(WebhookSubscription.State.ACTIVE);
        assertThat(made.createdBy()).startsWith("token:");

        assertThat(webhooks.list()).extracting(WebhookSubscription::id).contains(made.id());
        assertThat(webhooks.get(made.id()).secret()).isNull();
        assertThat(webhooks.pause(made.id()).state()).isEqualTo(WebhookSubscription.State.PAUSED);
        assertThat(webhooks.resume(made.id()).state()).isEqualTo(WebhookSubscription.State.ACTIVE);
        assertThat(webhooks.replayAfter(made.id(), 0).position()).isZero();
        assertThat(webhooks.replaySince(made.id(), Instant.parse("2026-01-01T00:00:00Z"))
                        .id())
                .isEqualTo(made.id());

        WebhookSubscription rotated = webhooks.rotateSecret(made.id(), Duration.ofHours(1));
        assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(made.secret());
        assertThat(rotated.previousSecretExpiresOn())
                .isBetween(Instant.now(), Instant.now().plus(Duration.ofHours(1)));
        assertThat(webhooks.rotateSecret(made.id()).secret()).isNotEqualTo(rotated.secret());

        webhooks.delete(made.id());
        assertThatThrownBy(() -> webhooks.get(made.id()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(1301));
    }

    @Test
    void sealedLog_checkpointSealsKeysAndAnEntrysProof_agree() {
        ZoneInsights insights = client.zone(ZONE).insights();
        insights.classify("proven", Classification.FALSE_POSITIVE, null);
        server.seal();
        insights.resetClassification("proven");
        server.seal();
        String entryId = insights.auditLog("proven", AuditLogQuery.ALL.order(AuditLogQuery.Order.ASC))
                .iterator()
                .next()
                .id();

        Checkpoint head = client.vigil().audit().checkpoint();
        List<Seal> seals = client.vigil().audit().seals(1, 1).stream().toList();
        KeyChain keys = client.vigil().audit().keys();
        InclusionProof proof = client.vigil().zone(ZONE).proof(entryId);

        assertThat(seals).hasSizeGreaterThanOrEqualTo(2);
        assertThat(seals).extracting(Seal::number).startsWith(1L, 2L);
        assertThat(seals.get(seals.size() - 1).checkpoint().hash()).isEqualTo(head.hash());
        assertThat(head.publicKey()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(head.text()).startsWith("vigil change log checkpoint\n");
        assertThat(keys.currentKeyId()).isEqualTo(head.keyId()).isEqualTo(keys.firstKeyId());
        assertThat(keys.changes()).isEmpty();
        assertThat(proof.entry().id()).isEqualTo(entryId);
        assertThat(proof.entry().zoneId()).isEqualTo(ZONE);
        assertThat(proof.entry().fieldChanged()).isEqualTo("user_classification");
        assertThat(proof.leafHash()).hasSize(64);
        assertThat(proof.seal().number()).isEqualTo(proof.checkpoint().seal());
        assertThat(client.vigil().account(ACCOUNT).proof(entryId).position()).isEqualTo(proof.position());
    }

    @Test
    void syncStatus_withoutAScheduledSync_isNull() {
        assertThat(client.vigil().account(ACCOUNT).syncStatus().lastRun()).isNull();
    }
}
