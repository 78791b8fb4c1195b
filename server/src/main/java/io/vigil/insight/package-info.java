/** Insights and the classification state machine: pure domain, no I/O. */
@NullMarked
package io.vigil.insight;

import org.jspecify.annotations.NullMarked;
