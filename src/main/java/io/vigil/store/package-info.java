/**
 * Persistence on SQLite or PostgreSQL, in four groups (one line per file says what it owns):
 *
 * <ul>
 *   <li><b>Connections and schema:</b> {@link io.vigil.store.Database} (the one entry point: read, transaction),
 *       {@code Connections}, {@code SqliteConnections}, {@code PostgresConnections}, {@code StatementCache},
 *       {@code SqlWork}, {@code SqlFunction}, {@code SqlErrors} (every {@code SQLException} classified once),
 *       {@code Dialect} (every difference between the two databases), {@code Migrations} (found in
 *       {@code migrations/<dialect>/}), {@link io.vigil.store.Backup} (online backup, restore and the integrity
 *       check of the embedded database).
 *   <li><b>Insights:</b> {@link io.vigil.store.JdbcInsightStore} (the port: single reads, the writer's dispatch),
 *       {@code GroupCommitWriter}, {@code ClassificationBatch}, {@code DismissalBatch}, {@code BulkClassification}
 *       (a bulk change, all or nothing, in a transaction of its own), {@code InsightLists}
 *       with {@code ListPositions}, {@code ListVersion} and {@code InsightSql}, {@code InsightImport} with
 *       {@link io.vigil.store.BulkLoad}, {@code InsightRows} (the column order), {@code Sql} (the scope rule).
 *   <li><b>Audit and seals:</b> {@link io.vigil.store.JdbcAuditLog} (Cloudflare's view of the change log;
 *       entries are written by the insight writes that they record), {@link io.vigil.store.JdbcSealStore} (sealing,
 *       and reading the log back for verification and proofs).
 *   <li><b>Credentials and tenants:</b> {@link io.vigil.store.JdbcCredentialStore}, {@link
 *       io.vigil.store.JdbcDirectory}.
 * </ul>
 */
@NullMarked
package io.vigil.store;

import org.jspecify.annotations.NullMarked;
