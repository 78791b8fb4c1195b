package io.vigil.store;

import io.vigil.scan.ScanStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The scan store contract on a real SQLite file. */
class SqliteScanStoreTest extends ScanStoreContract {
    @TempDir
    Path dataDir;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(dataDir);
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
