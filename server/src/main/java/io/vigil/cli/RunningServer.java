package io.vigil.cli;

/** A started server, as {@code vigil serve} sees it. */
public interface RunningServer {
    int port();

    /** The port {@code /metrics} is served on, or -1 if metrics are off. */
    default int metricsPort() {
        return -1;
    }

    /** Stops taking requests, finishes those in flight (up to {@code graceSeconds}) and commits all writes. */
    void stop(int graceSeconds);
}
