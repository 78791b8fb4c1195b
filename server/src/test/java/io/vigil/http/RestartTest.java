package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.auth.Permission;
import io.vigil.insight.Classification;
import io.vigil.testing.Insights;
import io.vigil.testing.TestServer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** State, audit trail and credentials survive a stop and start on the same data directory. */
class RestartTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void restart_keepsClassificationsAuditTrailAndTokens() {
        String token = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        server.seed(Insights.inAccount("persist-1", ACCOUNT));
        assertThat(server.classify(
                        "/accounts/" + ACCOUNT,
                        "persist-1",
                        "{\"classification\":\"accept_risk\",\"rationale\":\"before restart\"}",
                        token))
                .succeedsWithSeedEnvelope();
        List<AuditEntry> before = server.auditTrail("persist-1");

        server.restart();

        assertThat(server.insight(ACCOUNT, "persist-1").orElseThrow().classification())
                .isEqualTo(Classification.ACCEPT_RISK);
        assertThat(server.auditTrail("persist-1")).isEqualTo(before);
        assertThat(server.classify(
                        "/accounts/" + ACCOUNT,
                        "persist-1",
                        "{\"classification\":\"other\",\"rationale\":\"after\"}",
                        token))
                .failsWith(409, 1200, "classification is 'accept_risk'; reset it to null before setting 'other'");
        assertThat(server.classify("/accounts/" + ACCOUNT, "persist-1", "{\"classification\":null}", token))
                .succeedsWithSeedEnvelope();
        assertThat(server.auditTrail("persist-1")).hasSize(2);
    }
}
