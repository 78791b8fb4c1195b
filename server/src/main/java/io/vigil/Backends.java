package io.vigil;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.audit.UuidV7;
import io.vigil.bulk.Bulks;
import io.vigil.cli.Backend;
import io.vigil.insight.ExpiryPolicy;
import io.vigil.insight.InsightService;
import io.vigil.seal.HistoryAlarm;
import io.vigil.seal.SealFiles;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.store.Database;
import io.vigil.store.JdbcCredentialStore;
import io.vigil.store.JdbcDirectory;
import io.vigil.store.JdbcInsightStore;
import io.vigil.store.JdbcSealStore;
import io.vigil.store.JdbcSyncLog;
import io.vigil.store.JdbcWebhookStore;
import io.vigil.sync.Sync;
import io.vigil.webhook.SecretBox;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/** The stores and services over one database: what every command and the server work on ({@link Main} wires it). */
final class Backends {
    private Backends() {}

    /**
     * Opens (and migrates) the database and builds the stores and services over it: the pool's and the writer's
     * meters registered on {@code meters}, classifications expiring by {@code expiry}, the key files in {@code
     * keyDir}.
     */
    static Backend open(
            @Nullable String databaseUrl,
            Path dataDir,
            Path keyDir,
            Clock clock,
            MeterRegistry meters,
            ExpiryPolicy expiry) {
        Database database = Database.open(databaseUrl, dataDir);
        database.bindTo(meters);
        JdbcInsightStore store = new JdbcInsightStore(database, new UuidV7(clock, new SplittableRandom()), meters);
        InsightService insights = new InsightService(store, expiry, clock);
        JdbcSealStore seals = new JdbcSealStore(database);
        SealFiles sealFiles = new SealFiles(dataDir, keyDir);
        Runnable sealPending = () -> {
            SigningKey key = sealFiles.keyForSealing(seals);
            if (key != null) { // else another node holds the key, and seals every second
                HistoryAlarm alarm = new HistoryAlarm(sealFiles::keepEvidence);
                new Sealer(seals, key, clock, sealFiles, alarm, Sealer.MAX_PER_SEAL).sealPending();
                alarm.reason().ifPresent(reason -> {
                    throw new IllegalStateException("the change log was not sealed: " + reason);
                });
            }
        };
        JdbcWebhookStore webhooks = new JdbcWebhookStore(database);
        return new Backend(
                database,
                store,
                insights,
                new Bulks(store, store, expiry, clock),
                new JdbcCredentialStore(database),
                new JdbcDirectory(database),
                seals,
                sealFiles,
                new Sync(insights, new JdbcSyncLog(database), sealPending),
                webhooks,
                new SecretBox(keyDir, new SecureRandom(), webhooks::keyIds),
                clock);
    }
}
