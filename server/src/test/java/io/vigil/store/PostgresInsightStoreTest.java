package io.vigil.store;

import io.vigil.insight.InsightStore;
import io.vigil.testing.Postgres;
import io.vigil.testing.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store contract on a real PostgreSQL (embedded binaries started by the test build). */
class PostgresInsightStoreTest extends InsightStoreContract {
    private Database database;
    private JdbcInsightStore store;

    @BeforeEach
    void open() {
        database = Database.open(Postgres.freshDatabaseUrl());
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
