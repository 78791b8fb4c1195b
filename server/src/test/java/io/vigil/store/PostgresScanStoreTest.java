package io.vigil.store;

import io.vigil.scan.ScanStore;
import io.vigil.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The scan store contract on a real PostgreSQL (embedded binaries started by the test build). */
class PostgresScanStoreTest extends ScanStoreContract {
    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(Postgres.freshDatabaseUrl());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Override
    ScanStore store() {
        return new JdbcScanStore(database);
    }
}
