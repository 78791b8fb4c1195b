/**
 * On-demand scans (Cloudflare's "Security Center Scans"): what a scan is, its status, the quota of 5 per account
 * per 24 hours shared by the account and its zones, and the {@link io.vigil.scan.ScanStore} port. Pure domain,
 * no I/O.
 */
@NullMarked
package io.vigil.scan;

import org.jspecify.annotations.NullMarked;
