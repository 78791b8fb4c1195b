package io.vigil.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints: their text form, their signature, and that a third party (OpenSSL) verifies them. */
class CheckpointTest {
    private final SigningKey key = SigningKey.generate();
    private final byte[] root = Hashes.sha256(new byte[] {1});

    @TempDir
    Path dir;

    @Test
    void text_parsesBackToTheSameCheckpoint_signedByItsKey() {
        Seal first = Seal.create(null, 1, 10, root, Instant.parse("2026-12-03T09:00:00.123456Z"), key);
        Seal second = Seal.create(first, 11, 12, root, Instant.parse("2026-12-03T09:00:01Z"), key);
        Checkpoint parsed = Checkpoint.parse(second.checkpoint().text());
        assertThat(parsed).isEqualTo(second.checkpoint());
        assertThat(parsed.size()).isEqualTo(12);
        assertThat(parsed.signedBy(key.verifyingKey())).isTrue();
        assertThat(parsed.signedBy(SigningKey.generate().verifyingKey())).isFalse();
        assertThat(second.expectedHash(first.hash())).isEqualTo(second.hash());
        assertThat(second.expectedHash(Seal.genesis())).isNotEqualTo(second.hash());
    }

    @Test
    void editedCheckpoint_isNotSignedAnyMore() {
        String text = Seal.create(null, 1, 10, root, Instant.parse("2026-12-03T09:00:00Z"), key)
                .checkpoint()
                .text();
        Checkpoint forged = Checkpoint.parse(text.replace("size 10", "size 9"));
        assertThat(forged.signedBy(key.verifyingKey())).isFalse();
    }

    @Test
    void malformedCheckpoint_isRefusedSayingWhy() {
        assertThatThrownBy(() -> Checkpoint.parse("hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a checkpoint starts with the line 'vigil change log checkpoint'");
        assertThatThrownBy(() -> Checkpoint.parse("vigil change log checkpoint\nseal 1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint has no 'size' line");
    }

    @Test
    void keyPem_roundTrips() {
        SigningKey again = SigningKey.fromPem(key.privateKeyPem());
        assertThat(again.verifyingKey().id()).isEqualTo(key.verifyingKey().id());
        byte[] message = "m".getBytes(StandardCharsets.UTF_8);
        assertThat(key.verifyingKey().verifies(message, again.sign(message))).isTrue();
    }

    /** What the README tells a user to run: OpenSSL checks a checkpoint with the key of {@code vigil audit key}. */
    @Test
    void openssl_verifiesACheckpoint_withThePublicKey() throws IOException, InterruptedException {
        Checkpoint checkpoint =
                Seal.create(null, 1, 3, root, Instant.now(), key).checkpoint();
        Files.writeString(dir.resolve("key.pem"), key.verifyingKey().pem());
        Files.write(dir.resolve("body"), checkpoint.body());
        Files.write(dir.resolve("sig"), checkpoint.signature());
        assertThat(openssl()).as("openssl verifies the signature").contains("Signature Verified Successfully");
        byte[] forged = checkpoint.body();
        forged[forged.length - 2] ^= 1;
        Files.write(dir.resolve("body"), forged);
        assertThat(openssl()).contains("Signature Verification Failure");
        assertThat(Arrays.equals(forged, checkpoint.body())).isFalse();
    }

    private String openssl() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(
                        "openssl",
                        "pkeyutl",
                        "-verify",
                        "-pubin",
                        "-inkey",
                        "key.pem",
                        "-rawin",
                        "-in",
                        "body",
                        "-sigfile",
                        "sig"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
