package io.vigil.store;

import io.vigil.insight.InsightStore;
import io.vigil.testing.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file. */
class SqliteInsightStoreTest extends InsightStoreContract {
    @TempDir
    Path dataDir;

    private Database database;
    private JdbcInsightStore store;

    @BeforeEach
    void open() {
        database = Database.open(dataDir);
        store = Stores.insights(database);
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    @Override
    InsightStore store() {
        return store;
    }

    @Override
    Database database() {
        return database;
    }
}
