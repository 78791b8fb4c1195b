package io.vigil.cli;

/** A started server, as {@code vigil serve} sees it. */
public interface RunningServer {
    int port();

    /** Stops taking requests, finishes those in flight (up to {@code graceSeconds}) and commits all writes. */
    void stop(int graceSeconds);
}
