/** The HTTP adapter: routes, thin handlers, the Cloudflare envelope, the one error mapper. */
@NullMarked
package io.vigil.http;

import org.jspecify.annotations.NullMarked;
