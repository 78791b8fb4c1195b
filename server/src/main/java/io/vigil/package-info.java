/** Vigil: a self-hosted implementation of the Cloudflare Security Center Insights API. */
@NullMarked
package io.vigil;

import org.jspecify.annotations.NullMarked;
