/** The API's error taxonomy: one exception root, each carrying a Cloudflare error code and HTTP status. */
@NullMarked
package io.vigil.error;

import org.jspecify.annotations.NullMarked;
