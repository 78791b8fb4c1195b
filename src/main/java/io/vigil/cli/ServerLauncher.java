package io.vigil.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** Builds and starts a server; {@code Main} provides it, so the command line stays free of wiring. */
@FunctionalInterface
public interface ServerLauncher {
    RunningServer start(Path dataDir, InetSocketAddress address);
}
