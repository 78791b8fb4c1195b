package io.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void hash_isLowercaseHexSha256() {
        assertThat(Secrets.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Secrets.hash("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    /** Each hash has a digest of its own: hashes made at once on many threads are each right. */
    @Test
    void hash_onManyThreadsAtOnce_isTheSameAsAlone() throws Exception {
        List<String> secrets =
                java.util.stream.Stream.generate(Secrets::newToken).limit(64).toList();
        List<String> alone = secrets.stream().map(Secrets::hash).toList();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < 20; round++) {
                List<Future<String>> hashes = threads.invokeAll(secrets.stream()
                        .map(secret -> (Callable<String>) () -> Secrets.hash(secret))
                        .toList());
                for (int i = 0; i < secrets.size(); i++) {
                    assertThat(hashes.get(i).get()).isEqualTo(alone.get(i));
                }
            }
        }
    }
}
