package io.vigil.client.vigil;

/** Vigil's extensions of the API, by account, by zone, and for the change log as a whole. Thread-safe. */
public interface Vigil {
    /** Vigil's operations on one account. */
    VigilAccount account(String accountId);

    /** Vigil's operations on one zone. */
    VigilScope zone(String zoneId);

    /** The sealed change log: checkpoints, seals and signing keys (any valid credential reads them). */
    SealedLog audit();
}
