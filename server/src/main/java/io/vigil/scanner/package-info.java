/**
 * Scanner commands the operator configures at start ({@code vigil serve --scanner NAME=COMMAND}): each is run with
 * its argument vector (no shell), a clean environment, a timeout and an output cap, and prints insights in the
 * import shape on its standard output. Never configured through the API.
 */
@NullMarked
package io.vigil.scanner;

import org.jspecify.annotations.NullMarked;
