package io.vigil.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.Change;
import io.vigil.insight.Classification;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.tenant.Scope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Sends upstream, through Cloudflare's own endpoints, the decisions made in Vigil since the last push: the sealed
 * classification and dismissal entries after the account's cursor ({@link SyncLog}), each insight's decision as
 * Vigil holds it now, where upstream's (as just read) differs. A classification changes upstream by the
 * reset-first rule (a reset, then the value). The cursor moves after each batch, so a stopped push resumes.
 */
final class Push {
    private static final int BATCH = 1_000;

    private final Upstream upstream;
    private final SyncLog log;
    private final InsightService insights;
    private final String account;
    private final String upstreamKey;
    private int pushed;
    private final List<String> reports = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();

    Push(Upstream upstream, SyncLog log, InsightService insights, String account, String upstreamKey) {
        this.upstream = upstream;
        this.log = log;
        this.insights = insights;
        this.account = account;
        this.upstreamKey = upstreamKey;
    }

    int pushed() {
        return pushed;
    }

    /** Each decision sent (or, dry, that would be), one line each. */
    List<String> sent() {
        return List.copyOf(sent);
    }

    /** What the push overwrote upstream (a conflict Vigil's decision won) or upstream refused, each with why. */
    List<String> reports() {
        return List.copyOf(reports);
    }

    /**
     * @param theirs upstream's insights as the pull just read them
     * @param conflicts the insights whose decision moved on both sides: Vigil's is sent, and the overwrite reported
     * @throws SyncException if upstream cannot be reached or the budget runs out (what was sent stays sent)
     */
    void run(Map<String, Insight> theirs, Set<String> conflicts, boolean dryRun) {
        long cursor = log.pushedUpTo(account, upstreamKey);
        Set<String> sent = new HashSet<>();
        while (true) {
            List<Change> changes = log.decisionsAfter(account, cursor, BATCH);
            if (changes.isEmpty()) {
                return;
            }
            Map<String, AuditEntry> newest = new HashMap<>();
            for (Change change : changes) {
                newest.put(key(change.entry()), change.entry());
            }
            for (Change change : changes) {
                AuditEntry entry = change.entry();
                if (sent.add(key(entry))) {
                    send(entry.issueId(), entry.fieldChanged(), newest.get(key(entry)), theirs, conflicts, dryRun);
                }
            }
            cursor = changes.get(changes.size() - 1).position();
            if (!dryRun) {
                log.pushed(account, upstreamKey, cursor);
            }
        }
    }

    private void send(
            String issueId,
            AuditField field,
            @Nullable AuditEntry newest,
            Map<String, Insight> theirs,
            Set<String> conflicts,
            boolean dryRun) {
        Insight upstreamCopy = theirs.get(issueId);
        Optional<Insight> mine = insights.find(new Scope.Account(account), issueId);
        if (upstreamCopy == null || mine.isEmpty()) {
            return; // not an insight upstream holds (or no longer one Vigil does)
        }
        String base = (mine.get().zoneId() == null
                        ? "/accounts/" + account
                        : "/zones/" + mine.get().zoneId()) + "/security-center/insights/"
                + URLEncoder.encode(issueId, StandardCharsets.UTF_8);
        try {
            if (field == AuditField.DISMISSED) {
                if (mine.get().dismissed() != upstreamCopy.dismissed()) {
                    note(issueId, conflicts, "dismissal");
                    sent.add("push " + (mine.get().dismissed() ? "the dismissal of " : "the restore of ") + issueId);
                    if (!dryRun) {
                        upstream.send(
                                "PUT",
                                base + "/dismiss",
                                "{\"dismiss\":" + mine.get().dismissed() + "}");
                    }
                    pushed++;
                }
                return;
            }
            Classification ours = mine.get().userClassification();
            Classification before = upstreamCopy.userClassification();
            if (Objects.equals(ours, before)) {
                return;
            }
            note(issueId, conflicts, "classification " + name(before) + " → " + name(ours));
            sent.add("push the classification of " + issueId + ": " + name(before) + " → " + name(ours));
            if (!dryRun) {
                if (before != null && ours != null) {
                    upstream.send("PATCH", base + "/classification", body(null, null));
                }
                upstream.send(
                        "PATCH",
                        base + "/classification",
                        body(ours, ours == null || newest == null ? null : newest.rationale()));
            }
            pushed++;
        } catch (SyncException.Refused refused) {
            reports.add(issueId + ": upstream refused Vigil's decision: " + refused.getMessage());
        }
    }

    private void note(String issueId, Set<String> conflicts, String what) {
        if (conflicts.contains(issueId)) {
            reports.add(issueId + ": " + what + ": Vigil's decision sent over upstream's (both had moved)");
        }
    }

    private static String body(@Nullable Classification classification, @Nullable String rationale) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("classification", classification == null ? null : classification.wireName());
        if (rationale != null) {
            body.put("rationale", rationale);
        }
        return body.toString();
    }

    private static String key(AuditEntry entry) {
        return entry.issueId() + '\0' + entry.fieldChanged().wireName();
    }

    private static String name(@Nullable Classification c) {
        return c == null ? "null" : c.wireName();
    }
}
