package io.vigil.client.vigil;

/** Vigil's operations on an account: those of {@link VigilScope}, its webhooks, and its scheduled sync. */
public interface VigilAccount extends VigilScope {
    /** The account's webhook subscriptions. */
    Webhooks webhooks();

    /** How the account's last scheduled sync went ({@code serve --sync-every}). */
    SyncStatus syncStatus();
}
