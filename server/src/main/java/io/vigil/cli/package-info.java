/** The command line: serve, migrate, token and user creation, insight import. */
@NullMarked
package io.vigil.cli;

import org.jspecify.annotations.NullMarked;
