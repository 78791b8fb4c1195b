package io.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node makes the webhook key only for a cluster that has none, and reads a key file copied in (or replaced)
 * without a restart.
 */
class SecretBoxTest {
    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void aNodeWithoutTheKey_neverMakesASecondOne_andTakesTheFileWhenItArrives() throws Exception {
        SecretBox maker = new SecretBox(first, new SecureRandom(), Set::of);
        Signature secret = Signature.generate(new SecureRandom());
        String sealed = maker.seal(secret);
        String id = maker.keyId();

        SecretBox other = new SecretBox(second, new SecureRandom(), () -> Set.of(id));
        assertThat(other.currentKeyId()).isEmpty();
        assertThatThrownBy(other::keyId)
                .isInstanceOf(SecretBox.MissingKey.class)
                .hasMessage("the webhook subscriptions in the database are sealed with key " + id + ", and "
                        + second.resolve(SecretBox.KEY_FILE) + " does not exist: copy webhook-secrets.key there from"
                        + " the node that made it (it is read without a restart)");
        assertThat(second.resolve(SecretBox.KEY_FILE)).doesNotExist();

        Files.copy(first.resolve(SecretBox.KEY_FILE), second.resolve(SecretBox.KEY_FILE));
        awaitKey(other, id);
        assertThat(other.open(sealed).secret()).isEqualTo(secret.secret());
    }

    @Test
    void aKeyFileReplacedWhileRunning_isReadAgain() throws Exception {
        SecretBox box = new SecretBox(first, new SecureRandom(), Set::of);
        String before = box.keyId();
        byte[] replacement = new byte[32];
        new SecureRandom().nextBytes(replacement);
        Path file = first.resolve(SecretBox.KEY_FILE);
        Files.writeString(file, Base64.getEncoder().encodeToString(replacement) + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (box.keyId().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(box.keyId()).isNotEqualTo(before);
    }

    private static void awaitKey(SecretBox box, String id) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (box.currentKeyId().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(box.currentKeyId()).contains(id);
    }
}
