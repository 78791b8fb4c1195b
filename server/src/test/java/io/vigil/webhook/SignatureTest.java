package io.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Vigil's signatures, verified by the Standard Webhooks library receivers use (com.standardwebhooks). */
class SignatureTest {
    @Test
    void everySignature_verifiesWithTheStandardWebhooksLibrary_andATamperedBodyDoesNot() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            Signature signature = Signature.generate(new SecureRandom());
            String id = "msg_" + Long.toHexString(random.nextLong());
            long timestamp = Instant.now().getEpochSecond();
            String body = "{\"n\":" + i + ",\"text\":\"" + "é✓\\u0000".repeat(random.nextInt(5)) + "\"}";
            Map<String, List<String>> headers = Map.of(
                    "webhook-id", List.of(id),
                    "webhook-timestamp", List.of(Long.toString(timestamp)),
                    "webhook-signature", List.of(signature.sign(id, timestamp, body)));

            Webhook receiver = new Webhook(signature.secret());
            receiver.verify(body, headers); // throws if it does not verify
            assertThatThrownBy(() -> receiver.verify(body + " ", headers))
                    .isInstanceOf(WebhookVerificationException.class);
            assertThat(Signature.parse(signature.secret()).sign(id, timestamp, body))
                    .isEqualTo(signature.sign(id, timestamp, body));
        }
    }

    @Test
    void aSecret_isShownOnlyThroughSecret_andBadSecretsAreRefused() {
        Signature signature = Signature.generate(new SecureRandom());
        assertThat(signature.secret()).startsWith("whsec_").hasSize(6 + 44);
        assertThat(signature.toString()).doesNotContain(signature.secret().substring(6));
        assertThatThrownBy(() -> Signature.parse("sk_abc")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> Signature.parse("whsec_%%%")).hasMessageContaining("base64");
        assertThatThrownBy(() -> Signature.parse("whsec_AAAA")).hasMessageContaining("24 to 64 bytes");
    }
}
