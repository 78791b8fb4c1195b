package io.vigil.webhook;

import io.vigil.insight.Insight;
import java.util.Map;
import java.util.Set;

/** Reads the current state of the insights a batch of changes is about, all at once. */
@FunctionalInterface
public interface CurrentInsights {
    /** Those of {@code issueIds} that belong to the account {@code accountId} (its zones' too), by id. */
    Map<String, Insight> read(String accountId, Set<String> issueIds);
}
