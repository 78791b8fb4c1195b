/** Credentials as Cloudflare has them: API tokens and legacy global API keys, stored hashed. */
@NullMarked
package io.vigil.auth;

import org.jspecify.annotations.NullMarked;
