package io.vigil.cli;

import io.vigil.seal.Checkpoint;
import io.vigil.seal.HistoryAlarm;
import io.vigil.seal.KeyChain;
import io.vigil.seal.KeyChange;
import io.vigil.seal.Seal;
import io.vigil.seal.SealFiles;
import io.vigil.seal.SealStore;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.seal.Verification;
import io.vigil.seal.Verifier;
import io.vigil.seal.VerifyingKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil audit}: the sealed change log's key, checkpoints and verification. */
@Command(
        name = "audit",
        description = "The tamper-evident change log: its signing key, signed checkpoints, verification.",
        subcommands = {AuditCommand.Key.class, AuditCommand.CheckpointCommand.class, AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: key, checkpoint or verify");
    }

    /** {@code vigil audit key}: the public key that verifies seals and checkpoints. */
    @Command(
            name = "key",
            description = "Print the public key (PEM) that signs the log's seals and checkpoints now.",
            subcommands = KeyRotateCommand.class)
    static final class Key extends StoreCommand {

        @Override
        public Integer call() {
            try (Backend backend = data.open()) {
                SigningKey key = backend.sealFiles().keyForSealing(backend.seals());
                VerifyingKey verifying = key != null
                        ? key.verifyingKey()
                        : KeyChain.of(
                                        VerifyingKey.fromPem(
                                                backend.seals().registeredKey().orElseThrow()),
                                        backend.seals().keyChanges())
                                .current();
                PrintWriter out = out();
                out.println("# key " + verifying.id());
                out.print(verifying.pem());
                out.flush();
            }
            return 0;
        }
    }

    /** {@code vigil audit checkpoint}: seals what waits, then prints the signed head. */
    @Command(
            name = "checkpoint",
            description = "Seal the entries not sealed yet, then print the log's signed head: keep it elsewhere"
                    + " and give it to 'vigil audit verify --checkpoint' later.")
    static final class CheckpointCommand extends StoreCommand {

        @Override
        public Integer call() {
            try (Backend backend = data.open()) {
                SealStore seals = backend.seals();
                SigningKey key = backend.sealFiles().keyForSealing(seals);
                HistoryAlarm alarm = new HistoryAlarm(backend.sealFiles()::keepEvidence);
                if (key != null) {
                    new Sealer(seals, key, backend.clock(), backend.sealFiles(), alarm, Sealer.MAX_PER_SEAL)
                            .sealPending();
                }
                if (alarm.raised()) {
                    spec.commandLine()
                            .getErr()
                            .println("vigil: sealing stopped, nothing was sealed over it: "
                                    + alarm.reason().orElseThrow());
                    return 1;
                }
                Optional<Seal> head = seals.head();
                if (head.isEmpty()) {
                    spec.commandLine().getErr().println("vigil: the change log has no sealed entry yet");
                    return 1;
                }
                spec.commandLine().getOut().print(head.get().checkpoint().text());
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    /** {@code vigil audit verify}: recomputes the whole log. */
    @Command(
            name = "verify",
            description = "Recompute the change log from its entries and check every seal, the insights' state and"
                    + " (given one) that the log still extends a checkpoint. Exit status 0 when intact, 1 when not, 2 when a"
                    + " file given cannot be used.")
    static final class Verify extends StoreCommand {
        /** The exit status when a file given cannot be used: not a verdict on the log. */
        static final int EXIT_BAD_INPUT = 2;

        @Option(names = "--checkpoint", paramLabel = "FILE", description = "A checkpoint kept earlier.")
        @Nullable
        Path checkpoint;

        @Option(
                names = "--public-key",
                paramLabel = "FILE",
                description = "The public key to trust (PEM from 'vigil audit key'; default: the data directory's"
                        + " key file).")
        @Nullable
        Path publicKey;

        @Override
        public Integer call() {
            PrintWriter out = out();
            // Bad input is told apart from a broken log: exit 2, before the log is read.
            @Nullable VerifyingKey given;
            List<Checkpoint> checkpoints = new ArrayList<>();
            try {
                given = publicKey == null ? null : VerifyingKey.fromPem(read(publicKey, "the public key"));
                if (checkpoint != null) {
                    checkpoints.add(parse(read(checkpoint, "the checkpoint"), checkpoint));
                }
            } catch (BadInput e) {
                spec.commandLine().getErr().println("vigil: " + e.getMessage());
                return EXIT_BAD_INPUT;
            } catch (IllegalArgumentException e) {
                spec.commandLine()
                        .getErr()
                        .println("vigil: " + publicKey + " is not a public key (PEM): " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            try (Backend backend = data.open()) {
                Trusted trusted = trustedKey(backend, given, out);
                VerifyingKey key = trusted.key();
                KeyChain keys = KeyChain.trusting(key, backend.seals());
                try {
                    backend.sealFiles().head().ifPresent(checkpoints::add);
                } catch (IllegalArgumentException e) {
                    spec.commandLine()
                            .getErr()
                            .println("vigil: the head kept in the data directory is not a checkpoint: "
                                    + e.getMessage());
                    return EXIT_BAD_INPUT;
                }
                Verification result = Verifier.verify(backend.seals(), keys, checkpoints);
                out.println("checked " + result.entries() + " sealed entries in " + result.seals() + " seals ("
                        + result.unsealed() + " entries not sealed yet), " + result.insights() + " insights and "
                        + checkpoints.size() + " checkpoints, with key " + key.id() + " (" + trusted.source() + ")");
                for (KeyChange change : keys.changes()) {
                    out.println("followed key change " + change.number() + ": " + change.fromKeyId() + " → "
                            + change.toKeyId() + " after seal " + change.afterSeal() + " (" + change.time()
                            + "), signed by both keys");
                }
                String replaced = backend.seals()
                        .registeredKey()
                        .map(VerifyingKey::fromPem)
                        .filter(recorded -> keys.key(recorded.id()).isEmpty())
                        .map(recorded -> "the database records signing key " + recorded.id() + ", not " + key.id()
                                + ", the key this verification trusts: the key recorded in the database was replaced")
                        .orElse(null);
                if (replaced != null) {
                    out.println("BROKEN: " + replaced);
                }
                if (result.clean()) {
                    if (replaced != null) {
                        return 1;
                    }
                    out.println("intact");
                    return 0;
                }
                List<Verification.Break> breaks = result.breaks();
                out.println("BROKEN at " + where(breaks.get(0)) + ": "
                        + breaks.get(0).message());
                if (breaks.size() > 1) {
                    out.println("and " + (breaks.size() - 1) + " more (they may follow from the first):");
                    breaks.subList(1, breaks.size()).forEach(b -> out.println("  " + where(b) + ": " + b.message()));
                }
                return 1;
            }
        }

        private static Checkpoint parse(String text, Path file) {
            try {
                return Checkpoint.parse(text);
            } catch (IllegalArgumentException e) {
                throw new BadInput(file + " is not a checkpoint: " + e.getMessage());
            }
        }

        private static String where(Verification.Break b) {
            return b.position() == 0 ? "an insight's state" : "position " + b.position();
        }

        /** The key a verification trusts, and where it came from (said in the verdict). */
        private record Trusted(VerifyingKey key, String source) {}

        /**
         * The key to trust: the one given, else this data directory's signing key, else the one pinned here,
         * else the one the database records, pinned now (trust on first use, said so).
         */
        private Trusted trustedKey(Backend backend, @Nullable VerifyingKey given, PrintWriter out) {
            if (given != null) {
                return new Trusted(given, "given with --public-key");
            }
            Optional<VerifyingKey> local = backend.sealFiles().localKey();
            if (local.isPresent()) {
                return new Trusted(local.get(), "this data directory's signing key");
            }
            Optional<VerifyingKey> pinned = backend.sealFiles().pinnedKey();
            if (pinned.isPresent()) {
                return new Trusted(pinned.get(), "pinned in " + SealFiles.PINNED_KEY_FILE + " at first use");
            }
            VerifyingKey recorded = VerifyingKey.fromPem(backend.seals()
                    .registeredKey()
                    .orElseThrow(() -> new IllegalStateException(
                            "no key to verify with: this log was never sealed, and there is no key file in the data"
                                    + " directory; pass --public-key")));
            backend.sealFiles().pin(recorded);
            out.println("warning: no --public-key and no key in the data directory: trusting the key the database"
                    + " records, " + recorded.id() + ", and pinning it in " + SealFiles.PINNED_KEY_FILE
                    + " (trust on first use; pass --public-key with a copy kept elsewhere to be sure)");
            return new Trusted(recorded, "the database's, pinned now");
        }

        private static String read(Path file, String what) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInput("cannot read " + what + " " + file + ": " + e.getMessage());
            }
        }

        /** A file given on the command line that cannot be used: exit 2. */
        private static final class BadInput extends RuntimeException {
            private static final long serialVersionUID = 1L;

            BadInput(String message) {
                super(message, null, false, false);
            }
        }
    }
}
