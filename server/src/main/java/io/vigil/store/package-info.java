/**
 * Persistence on SQLite or PostgreSQL, in seven groups (one line per file says what it owns). The stores apply
 * what the domain decided ({@code insight}, {@code bulk}); no rule is decided here.
 *
 * <ul>
 *   <li><b>Connections and schema:</b> {@link io.vigil.store.Database} (the one entry point: read, transaction,
 *       and a single statement with {@code update} and {@code first}), {@code Statements} (binding arguments in
 *       order), {@code Connections}, {@code SqliteConnections}, {@code PostgresConnections}, {@code
 *       StatementCache}, {@code SqlWork}, {@code SqlFunction}, {@code SqlErrors} (every {@code SQLException}
 *       classified once), {@code Dialect} (every difference between the two databases), {@code Migrations}
 *       (found in {@code migrations/<dialect>/}), {@link io.vigil.store.Backup} (online backup, restore and the
 *       integrity check of the embedded database).
 *   <li><b>Insights:</b> {@link io.vigil.store.JdbcInsightStore} (the ports {@code InsightStore} and {@code
 *       BulkStore}: single reads, the writer's dispatch), {@code GroupCommitWriter}, {@code ClassificationBatch},
 *       {@code DismissalBatch}, {@code RowLocks}, {@code RowsById} (the one multi-row read by id), {@code
 *       InsightLists} with {@code ListPositions}, {@code ListVersion}, {@code ListChanges} and {@code InsightSql},
 *       {@code InsightImport} with {@link io.vigil.store.BulkLoad}, {@code InsightRows} (the column order), {@code
 *       Sql} (the scope rule).
 *   <li><b>Bulk:</b> {@code BulkClassification} and {@code BulkDismissal}: a bulk change decided by {@code
 *       bulk.BulkDecision} and applied all or nothing, in a transaction of its own.
 *   <li><b>Audit and seals:</b> {@code EntryAppender} (the one place change-log entries are written), {@code
 *       EntryBackfill}, {@link io.vigil.store.JdbcAuditLog} (Cloudflare's view of the change log; entries are
 *       written by the insight writes that they record), {@link io.vigil.store.JdbcSealStore} (sealing, and
 *       reading the log back for verification and proofs).
 *   <li><b>Webhooks:</b> {@link io.vigil.store.JdbcWebhookStore} (subscriptions, leases, cursors, the entries
 *       after a position).
 *   <li><b>Sync and nodes:</b> {@link io.vigil.store.JdbcSyncLog} (push cursors, unfinished passes, the turn),
 *       {@link io.vigil.store.JdbcNodeRegistry} (each node's claim on its id).
 *   <li><b>Credentials and tenants:</b> {@link io.vigil.store.JdbcCredentialStore}, {@link
 *       io.vigil.store.JdbcDirectory}.
 * </ul>
 */
@NullMarked
package io.vigil.store;

import org.jspecify.annotations.NullMarked;
