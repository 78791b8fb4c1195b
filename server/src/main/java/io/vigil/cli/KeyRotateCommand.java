package io.vigil.cli;

import io.vigil.seal.KeyChange;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code vigil audit key rotate}: the change log's signing key handed over to a new one. */
@Command(
        name = "rotate",
        description = "Replace the change log's signing key: the old key signs the hand-over to a new one (recorded"
                + " in the database, signed by both), and the new key takes the key file's place. 'vigil audit"
                + " verify' with the old public key follows the change. Other nodes seal again once the new key"
                + " file is copied to them (read without a restart).")
final class KeyRotateCommand extends StoreCommand {
    @Override
    public Integer call() {
        try (Backend backend = data.open()) {
            KeyChange change = backend.sealFiles()
                    .rotateKey(backend.seals(), backend.clock().instant());
            PrintWriter out = out();
            out.println("key change " + change.number() + ": " + change.fromKeyId() + " → " + change.toKeyId()
                    + " after seal " + change.afterSeal() + ", signed by both keys");
            out.println("the new key is in " + backend.sealFiles().keyFile() + "; the old one is gone from there");
            out.println("copy it to the key directory of every other node: until then they do not seal (they read it"
                    + " without a restart)");
            out.println("# key " + change.toKeyId());
            out.print(change.to().pem());
            out.flush();
        }
        return 0;
    }
}
