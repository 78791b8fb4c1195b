/**
 * Text as Vigil accepts it: well-formed Unicode ({@link io.vigil.text.Unicode}) and the one strict JSON
 * reader ({@link io.vigil.text.StrictJson}) that holds every JSON string to it, for the API and the import.
 */
@NullMarked
package io.vigil.text;

import org.jspecify.annotations.NullMarked;
