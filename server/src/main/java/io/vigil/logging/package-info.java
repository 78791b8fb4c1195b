/**
 * How Vigil's logs are written: as text lines for people (the default), or as one JSON object per line for a
 * log pipeline ({@code VIGIL_LOG_FORMAT=json}, {@link io.vigil.logging.JsonLineEncoder}). The choice is made in
 * {@code logback.xml}; {@link io.vigil.logging.LogFormat} names the values it accepts.
 */
@NullMarked
package io.vigil.logging;

import org.jspecify.annotations.NullMarked;
