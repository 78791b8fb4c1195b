/**
 * A JUnit 5 extension that runs the real Vigil server inside the test: {@link io.vigil.junit.VigilTest} on a class,
 * a {@link io.vigil.junit.Vigil} parameter in its methods.
 */
@NullMarked
package io.vigil.junit;

import org.jspecify.annotations.NullMarked;
