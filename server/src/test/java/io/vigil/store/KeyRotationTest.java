package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.seal.Checkpoint;
import io.vigil.seal.HistoryAlarm;
import io.vigil.seal.KeyChain;
import io.vigil.seal.KeyChange;
import io.vigil.seal.Seal;
import io.vigil.seal.SealFiles;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.seal.Verification;
import io.vigil.seal.Verifier;
import io.vigil.seal.VerifyingKey;
import io.vigil.tenant.Scope;
import io.vigil.testing.Insights;
import io.vigil.testing.Postgres;
import io.vigil.testing.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signing key is handed over, not swapped: the old key and the new one both sign the change, a verifier
 * holding the old public key follows it, and neither write access to the database alone nor a retired key gets a
 * seal trusted. On both databases.
 */
class KeyRotationTest {
    private static final Scope SCOPE = new Scope.Account(ACCOUNT);

    @TempDir
    Path dataDir;

    @TempDir
    Path otherNode;

    private Database database;
    private JdbcInsightStore store;
    private JdbcSealStore seals;
    private SealFiles files;
    private int changes;

    private void open(String kind) {
        database = kind.equals("postgres") ? Database.open(Postgres.freshDatabaseUrl()) : Database.open(dataDir);
        store = Stores.insights(database);
        seals = new JdbcSealStore(database);
        files = new SealFiles(dataDir);
        List<Insight> insights = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            insights.add(Insights.inAccount("insight-" + i, ACCOUNT));
        }
        new InsightService(store).importInsights(insights);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
            database.close();
        }
    }

    /** A real change (reset, then classified anew), sealed by a sealer that asks {@code files} for its key. */
    private @Nullable Seal changeAndSeal(SealFiles with) {
        int insight = changes++ % 4;
        InsightService service = new InsightService(store);
        service.classify(SCOPE, "insight-" + insight, new ClassificationRequest(null, null), "token:t");
        service.classify(
                SCOPE, "insight-" + insight, new ClassificationRequest(Classification.OTHER, "r" + changes), "token:t");
        return new Sealer(seals, () -> with.keyForSealing(seals), Clock.systemUTC(), with, new HistoryAlarm(), 1_000)
                .sealPending();
    }

    private VerifyingKey currentKey() {
        return files.localKey().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aRotation_isFollowedByVerify_withTheOldKeyPinned_andOldCheckpointsStillCount(String kind) {
        open(kind);
        Seal before = changeAndSeal(files);
        VerifyingKey old = currentKey();
        Checkpoint kept = before.checkpoint();

        KeyChange change = files.rotateKey(seals, Instant.now());
        assertThat(change.number()).isEqualTo(1);
        assertThat(change.fromKeyId()).isEqualTo(old.id());
        assertThat(change.afterSeal()).isEqualTo(before.number());
        VerifyingKey next = currentKey();
        assertThat(next.id()).isEqualTo(change.toKeyId()).isNotEqualTo(old.id());
        assertThat(dataDir.resolve(SealFiles.KEY_FILE + ".next")).doesNotExist();

        Seal after = changeAndSeal(files);
        assertThat(after.keyId()).isEqualTo(next.id());

        for (VerifyingKey trusted : List.of(old, next)) {
            Verification result = Verifier.verify(seals, trusted, List.of(kept, after.checkpoint()));
            assertThat(result.breaks()).as("trusting %s", trusted.id()).isEmpty();
            assertThat(result.seals()).isEqualTo(2);
        }
        KeyChain chain = KeyChain.trusting(old, seals);
        assertThat(chain.current()).isEqualTo(next);
        assertThat(chain.problem()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aNodeWithTheOldKey_stopsSealing_andSealsAgainOnceTheNewKeyIsCopiedIn(String kind) throws Exception {
        open(kind);
        changeAndSeal(files);
        SealFiles other = new SealFiles(otherNode);
        Files.copy(files.keyFile(), other.keyFile());
        assertThat(other.keyForSealing(seals)).isNotNull();

        files.rotateKey(seals, Instant.now());
        assertThat(other.keyForSealing(seals)).as("its key was replaced").isNull();
        assertThat(changeAndSeal(other)).as("the other node seals nothing").isNull();

        Files.copy(files.keyFile(), other.keyFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Seal sealed = changeAndSeal(other);
        assertThat(sealed).isNotNull();
        assertThat(sealed.keyId()).isEqualTo(currentKey().id());
        assertThat(seals.unsealed()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aRotationStoppedAfterRecordingItsChange_isFinishedByTheNextRound(String kind) throws Exception {
        open(kind);
        Seal head = changeAndSeal(files);
        SigningKey old = files.keyForSealing(seals);
        SigningKey next = SigningKey.generate();
        Path waiting = dataDir.resolve(SealFiles.KEY_FILE + ".next");
        Files.writeString(waiting, next.privateKeyPem(), StandardCharsets.US_ASCII);
        assertThat(seals.appendKeyChange(KeyChange.create(1, old, next, head, Instant.now())))
                .isTrue();
        // stopped here: the old key is still in the key file

        Seal sealed = changeAndSeal(files);
        assertThat(sealed.keyId()).isEqualTo(next.verifyingKey().id());
        assertThat(waiting).doesNotExist();
        assertThat(currentKey()).isEqualTo(next.verifyingKey());
        assertThat(Verifier.verify(seals, old.verifyingKey(), List.of()).breaks())
                .isEmpty();
    }

    /** The attacker writes the database and holds a key of their own: the change they record hands over nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aKeyChangeMadeWithoutTheOldKey_handsOverNothing(String kind) {
        open(kind);
        Seal head = changeAndSeal(files);
        VerifyingKey trusted = currentKey();
        SigningKey attacker = SigningKey.generate();
        KeyChange forged = KeyChange.create(1, attacker, attacker, head, Instant.now());
        KeyChange named = new KeyChange(
                1,
                trusted.id(),
                attacker.verifyingKey(),
                forged.afterSeal(),
                forged.afterHash(),
                forged.time(),
                forged.fromSignature(),
                forged.toSignature());
        assertThat(seals.appendKeyChange(named)).isTrue();
        changes++;
        new InsightService(store)
                .classify(SCOPE, "insight-3", new ClassificationRequest(Classification.OTHER, "x"), "token:t");
        Attacker.forgeSeals(seals, attacker, 1_000);

        Verification result = Verifier.verify(seals, trusted, List.of());
        assertThat(result.breaks())
                .extracting(Verification.Break::message)
                .anySatisfy(m -> assertThat(m).contains("key change 1").contains("not signed by the key it replaces"))
                .anySatisfy(m -> assertThat(m)
                        .contains("seal 2")
                        .contains("is signed by key '" + attacker.verifyingKey().id() + "', not by " + trusted.id())
                        .contains("re-sealed without the key"));
        assertThat(files.keyForSealing(seals))
                .as("the node keeps its key: the forged change is not a hand-over")
                .isNotNull();
    }

    /** The attacker writes the database and holds the retired key: what it signs after its successor is named. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aRetiredKeySigningAfterItsSuccessor_isNamed(String kind) throws Exception {
        open(kind);
        changeAndSeal(files);
        SigningKey retired = files.keyForSealing(seals);
        files.rotateKey(seals, Instant.now());
        changeAndSeal(files); // signed by the new key
        changeAndSeal(new SealFiles(otherNode)); // a node without a key seals nothing
        Attacker.forgeSeals(seals, retired, 1_000);

        Verification result = Verifier.verify(seals, retired.verifyingKey(), List.of());
        assertThat(result.breaks())
                .extracting(Verification.Break::message)
                .anySatisfy(m -> assertThat(m).contains("seal 3").contains("a retired key signed"));
        assertThatThrownBy(() -> new SealFiles(otherNode).rotateKey(seals, Instant.now()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not the key that signs");
    }
}
