package io.vigil.scanner;

import io.vigil.store.Database;
import java.nio.file.Path;

/** What a scan resolves, on a real SQLite file. */
class SqliteScanResolutionTest extends ScanResolutionContract {
    @Override
    Database open(Path dataDir) {
        return Database.open(dataDir);
    }
}
