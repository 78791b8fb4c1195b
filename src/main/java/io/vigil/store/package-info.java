/** Persistence: JDBC stores, the group-commit writer, schema migrations. */
@NullMarked
package io.vigil.store;

import org.jspecify.annotations.NullMarked;
