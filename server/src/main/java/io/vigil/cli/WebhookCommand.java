package io.vigil.cli;

import io.vigil.error.ApiException;
import io.vigil.insight.Severity;
import io.vigil.webhook.EventKind;
import io.vigil.webhook.Subscription;
import io.vigil.webhook.SubscriptionRequest;
import io.vigil.webhook.Targets;
import io.vigil.webhook.Webhooks;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil webhook}: an account's webhook subscriptions (docs/extensions.md, "Webhooks"). */
@Command(
        name = "webhook",
        description = "Manage webhook subscriptions: signed deliveries of an account's changes.",
        subcommands = {
            WebhookCommand.Add.class,
            WebhookCommand.ListHooks.class,
            WebhookCommand.Remove.class,
            WebhookCommand.Pause.class,
            WebhookCommand.Resume.class,
            WebhookCommand.Replay.class,
            WebhookCommand.Rotate.class
        })
final class WebhookCommand {
    private WebhookCommand() {}

    /** A subcommand on one account's subscriptions: what every one takes besides the data. */
    abstract static class OnAccount extends StoreCommand {
        @Option(names = "--account", required = true, paramLabel = "ID", description = "The account.")
        String account = "";

        /** Set by {@code add}, the one subcommand that checks a target. */
        boolean checkAllowsPrivate;

        /** Runs {@code work} with the account's subscriptions; an API error is the command's error. */
        final int run(Function<Webhooks, Integer> work) {
            TokenCommand.Identifiers.requireAll(spec, "--account", List.of(account));
            try (Backend backend = data.open()) {
                if (backend.directory().accounts(Set.of(account)).isEmpty()) {
                    throw refused("--account '" + account + "' is not an account this store knows: none of its insights"
                            + " was imported or synced yet");
                }
                return work.apply(backend.webhooks(new Targets(checkAllowsPrivate, Targets.systemResolver())));
            } catch (ApiException e) {
                throw refused(e.getMessage());
            }
        }
    }

    /** A subcommand on one subscription, named by its id. */
    abstract static class OnSubscription extends OnAccount {
        @Parameters(paramLabel = "ID")
        String id = "";
    }

    /** {@code vigil webhook add URL}: prints the subscription's id and its secret, once. */
    @Command(
            name = "add",
            description = "Subscribe URL to the account's changes; prints the id and the signing secret"
                    + " (shown only once).")
    static final class Add extends OnAccount {

        @Parameters(paramLabel = "URL", description = "Where deliveries are posted (https).")
        String url = "";

        @Option(
                names = "--allow-private-webhook-targets",
                description = "Allow loopback and private targets, and plain http (as `serve` allows them).")
        boolean allowPrivate;

        @Option(names = "--zone", paramLabel = "ID", description = "Only this zone's insights; repeatable.")
        List<String> zones = new ArrayList<>();

        @Option(
                names = "--kind",
                paramLabel = "KIND",
                description = "Only these changes: insight.classification_changed, insight.dismissal_changed,"
                        + " insight.status_changed, insight.expiry_changed; or audit.checkpoint, audit.history_broken"
                        + " (sent only when named); repeatable.")
        List<String> kinds = new ArrayList<>();

        @Option(
                names = "--severity",
                paramLabel = "SEVERITY",
                description = "Only insights of this severity: low, moderate, critical; repeatable.")
        List<String> severities = new ArrayList<>();

        @Override
        public Integer call() {
            TokenCommand.Identifiers.requireAll(spec, "--zone", zones);
            Set<EventKind> kindSet = new HashSet<>();
            for (String k : kinds) {
                kindSet.add(EventKind.fromWireName(k)
                        .orElseThrow(() -> refused("--kind '" + k + "' is not an event kind")));
            }
            Set<Severity> severitySet = new HashSet<>();
            for (String s : severities) {
                severitySet.add(Severity.parse(s)
                        .orElseThrow(() -> refused("--severity '" + s + "' is not low, moderate or critical")));
            }
            checkAllowsPrivate = allowPrivate;
            return run(webhooks -> {
                Webhooks.Created created = webhooks.add(
                        account, new SubscriptionRequest(url, new HashSet<>(zones), kindSet, severitySet), "cli");
                PrintWriter out = out();
                out.println("id:     " + created.subscription().id());
                out.println("secret: " + created.secret());
                out.flush();
                return 0;
            });
        }
    }

    /** {@code vigil webhook list}: every subscription of the account with its state. */
    @Command(name = "list", description = "List the account's subscriptions: state, last delivery, failures.")
    static final class ListHooks extends OnAccount {

        @Override
        public Integer call() {
            return run(webhooks -> {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of(
                        "ID",
                        "STATE",
                        "POSITION",
                        "DELIVERED",
                        "FAILURES",
                        "LAST DELIVERY",
                        "LAST ERROR",
                        "FILTERS",
                        "URL"));
                for (Subscription s : webhooks.list(account)) {
                    rows.add(List.of(
                            s.id(),
                            s.state().wireName(),
                            Long.toString(s.position()),
                            Long.toString(s.delivered()),
                            Integer.toString(s.failures()),
                            s.lastDelivery() == null
                                    ? "never"
                                    : s.lastDelivery()
                                            .truncatedTo(ChronoUnit.SECONDS)
                                            .toString(),
                            lastError(s),
                            filters(s),
                            s.url()));
                }
                PrintWriter out = out();
                Table.print(out, rows);
                out.flush();
                return 0;
            });
        }

        /** The last failure; one a later delivery recovered from is said to be past. */
        private static String lastError(Subscription s) {
            if (s.lastError() == null) {
                return "-";
            }
            return s.failures() == 0 ? s.lastError() + " (recovered)" : s.lastError();
        }

        private static String filters(Subscription s) {
            List<String> parts = new ArrayList<>();
            s.zones().stream().sorted().forEach(z -> parts.add("zone:" + z));
            s.kinds().stream().map(EventKind::wireName).sorted().forEach(parts::add);
            new TreeSet<>(s.severities()).forEach(v -> parts.add(v.queryName()));
            return parts.isEmpty() ? "all" : String.join(",", parts);
        }
    }

    /** {@code vigil webhook remove ID}. */
    @Command(name = "remove", description = "Remove a subscription: nothing more is sent to it.")
    static final class Remove extends OnAccount {

        @Parameters(paramLabel = "ID", description = "The subscription's id, as 'webhook list' prints it.")
        String id = "";

        @Override
        public Integer call() {
            return run(webhooks -> {
                webhooks.remove(account, id);
                out().println("removed " + id);
                out().flush();
                return 0;
            });
        }
    }

    /** {@code vigil webhook pause ID}. */
    @Command(name = "pause", description = "Stop delivering; changes wait and are sent on resume.")
    static final class Pause extends OnSubscription {

        @Override
        public Integer call() {
            return run(webhooks -> state(out(), webhooks.setPaused(account, id, true)));
        }
    }

    /** {@code vigil webhook resume ID}. */
    @Command(name = "resume", description = "Deliver again, at once, from where it stopped (failures forgotten).")
    static final class Resume extends OnSubscription {

        @Override
        public Integer call() {
            return run(webhooks -> state(out(), webhooks.setPaused(account, id, false)));
        }
    }

    /** {@code vigil webhook rotate ID [--overlap DURATION]}: prints the new secret, once. */
    @Command(
            name = "rotate",
            description = "Give the subscription a new signing secret (printed once); the old one signs too for the"
                    + " overlap, so the receiver can switch meanwhile.")
    static final class Rotate extends OnSubscription {

        @Option(
                names = "--overlap",
                paramLabel = "DURATION",
                defaultValue = "24h",
                converter = ServeCommand.DurationConverter.class,
                description = "How long the old secret signs beside the new one: 90s, 30m, 24h, 7d (at most); default"
                        + " ${DEFAULT-VALUE}.")
        Duration overlap = Duration.ofHours(24);

        @Override
        public Integer call() {
            if (overlap.compareTo(Webhooks.MAX_OVERLAP) > 0) {
                throw refused("--overlap is at most 7d");
            }
            return run(webhooks -> {
                Webhooks.Rotated rotated = webhooks.rotateSecret(account, id, overlap);
                PrintWriter out = out();
                out.println("id:     " + rotated.subscription().id());
                out.println("secret: " + rotated.secret());
                out.println("the old secret also signs until " + rotated.previousUntil());
                out.flush();
                return 0;
            });
        }
    }

    /** {@code vigil webhook replay ID --since TIME|POSITION}. */
    @Command(name = "replay", description = "Send again every change since a time (RFC 3339) or after a position.")
    static final class Replay extends OnSubscription {

        @Option(
                names = "--since",
                required = true,
                paramLabel = "TIME|POSITION",
                description = "2026-12-01T00:00:00Z (every change made since), or a change-log position (every"
                        + " change after it).")
        String since = "";

        @Override
        public Integer call() {
            Instant at = instant(since);
            long position = at == null ? position(since) : 0;
            return run(webhooks -> state(
                    out(),
                    at != null ? webhooks.replaySince(account, id, at) : webhooks.replayAfter(account, id, position)));
        }

        private static @Nullable Instant instant(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private long position(String value) {
            if (!value.matches("\\d{1,18}")) {
                throw refused("--since takes an RFC 3339 time (2026-12-01T00:00:00Z) or a position (a number); got '"
                        + value + "'");
            }
            return Long.parseLong(value);
        }
    }

    private static int state(PrintWriter out, Subscription s) {
        out.println(s.id() + " " + s.state().wireName() + " at position " + s.position());
        out.flush();
        return 0;
    }
}
