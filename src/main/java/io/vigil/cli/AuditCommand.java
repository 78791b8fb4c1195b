package io.vigil.cli;

import io.vigil.seal.Checkpoint;
import io.vigil.seal.Seal;
import io.vigil.seal.SealStore;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.seal.Verification;
import io.vigil.seal.Verifier;
import io.vigil.seal.VerifyingKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Command(name = "key", description = "Print the public key (PEM) that verifies the log's seals and checkpoints.")
    static final class Key implements Callable<Integer> {
        @Mixin
        StoreOptions data = new StoreOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Backend backend = data.open()) {
                SigningKey key = backend.sealFiles().keyForSealing(backend.seals());
                VerifyingKey verifying = key != null
                        ? key.verifyingKey()
                        : VerifyingKey.fromPem(backend.seals().registeredKey().orElseThrow());
                PrintWriter out = spec.commandLine().getOut();
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
    static final class CheckpointCommand implements Callable<Integer> {
        @Mixin
        StoreOptions data = new StoreOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Backend backend = data.open()) {
                SealStore seals = backend.seals();
                SigningKey key = backend.sealFiles().keyForSealing(seals);
                if (key != null) {
                    new Sealer(seals, key, backend.clock(), backend.sealFiles()::keepHead).sealPending();
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
                    + " (given one) that the log still extends a checkpoint. Exit status 0 when intact, 1 when not.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        StoreOptions data = new StoreOptions();

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

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Backend backend = data.open()) {
                VerifyingKey key = trustedKey(backend, out);
                List<Checkpoint> checkpoints = new ArrayList<>();
                if (checkpoint != null) {
                    checkpoints.add(Checkpoint.parse(read(checkpoint)));
                }
                backend.sealFiles().head().ifPresent(checkpoints::add);
                Verification result = Verifier.verify(backend.seals(), key, checkpoints);
                out.println("checked " + result.entries() + " sealed entries in " + result.seals() + " seals ("
                        + result.unsealed() + " entries not sealed yet), " + result.insights() + " insights and "
                        + checkpoints.size() + " checkpoints, with key " + key.id());
                if (result.clean()) {
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

        private static String where(Verification.Break b) {
            return b.position() == 0 ? "an insight's state" : "position " + b.position();
        }

        private VerifyingKey trustedKey(Backend backend, PrintWriter out) {
            if (publicKey != null) {
                return VerifyingKey.fromPem(read(publicKey));
            }
            Optional<VerifyingKey> local = backend.sealFiles().localKey();
            if (local.isPresent()) {
                return local.get();
            }
            String recorded = backend.seals()
                    .registeredKey()
                    .orElseThrow(() -> new IllegalStateException(
                            "no key to verify with: this log was never sealed, and there is no key file in the data"
                                    + " directory; pass --public-key"));
            out.println("warning: trusting the key recorded in the database (no --public-key, no key file)");
            return VerifyingKey.fromPem(recorded);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }
}
