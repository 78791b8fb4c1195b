package io.vigil.scanner;

import io.vigil.store.Database;
import io.vigil.testing.Postgres;
import java.nio.file.Path;

/** What a scan resolves, on a real PostgreSQL (embedded binaries started by the test build). */
class PostgresScanResolutionTest extends ScanResolutionContract {
    @Override
    Database open(Path dataDir) {
        return Database.open(Postgres.freshDatabaseUrl());
    }
}
