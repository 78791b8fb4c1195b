package io.vigil.client;

/** How many on-demand scans an account started in the last 24 hours, and how many more it may start. */
public record ScanQuota(int used, int available) {}
