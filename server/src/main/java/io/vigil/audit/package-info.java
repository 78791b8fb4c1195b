/** The audit trail: who changed which field of which insight, when and why. */
@NullMarked
package io.vigil.audit;

import org.jspecify.annotations.NullMarked;
