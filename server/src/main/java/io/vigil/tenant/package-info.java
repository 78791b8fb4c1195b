/** Tenancy: accounts, their zones, and the scope a request addresses. */
@NullMarked
package io.vigil.tenant;

import org.jspecify.annotations.NullMarked;
