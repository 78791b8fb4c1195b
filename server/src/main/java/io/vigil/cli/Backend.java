package io.vigil.cli;

import io.vigil.bulk.Bulks;
import io.vigil.insight.InsightService;
import io.vigil.seal.SealFiles;
import io.vigil.store.Database;
import io.vigil.store.JdbcCredentialStore;
import io.vigil.store.JdbcDirectory;
import io.vigil.store.JdbcInsightStore;
import io.vigil.store.JdbcSealStore;
import io.vigil.store.JdbcWebhookStore;
import io.vigil.sync.Sync;
import io.vigil.webhook.SecretBox;
import io.vigil.webhook.Targets;
import io.vigil.webhook.Webhooks;
import java.security.SecureRandom;
import java.time.InstantSource;

/**
 * One open database and the stores and services over it, as {@link Assembly#open} built them. Closing it
 * commits every queued write, then closes the database.
 */
public record Backend(
        Database database,
        JdbcInsightStore insightStore,
        InsightService insights,
        Bulks bulks,
        JdbcCredentialStore credentials,
        JdbcDirectory directory,
        JdbcSealStore seals,
        SealFiles sealFiles,
        Sync sync,
        JdbcWebhookStore webhookStore,
        SecretBox webhookSecrets,
        InstantSource clock)
        implements AutoCloseable {

    /** The webhook subscriptions over this database, their targets checked as {@code targets} says. */
    public Webhooks webhooks(Targets targets) {
        return new Webhooks(webhookStore, webhookSecrets, targets, directory, clock, new SecureRandom());
    }

    @Override
    public void close() {
        try {
            insightStore.close();
        } finally {
            database.close();
        }
    }
}
