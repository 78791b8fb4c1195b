package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path dataDir;

    @Test
    void open_twice_appliesEachMigrationOnce() {
        try (Database first = Database.open(dataDir)) {
            assertThat(first.schemaVersion()).isEqualTo(Migrations.latestVersion(Dialect.SQLITE));
        }
        try (Database second = Database.open(dataDir)) {
            assertThat(Migrations.migrate(second)).isZero();
            assertThat(second.schemaVersion()).isEqualTo(Migrations.latestVersion(Dialect.SQLITE));
        }
    }

    @Test
    void scripts_areFoundInVersionOrder_andAlikeForBothDialects() {
        List<String> sqlite = Migrations.scripts(Dialect.SQLITE);
        assertThat(sqlite).first().isEqualTo("V1__init.sql");
        assertThat(sqlite).contains("V5__zone_numbers_actor_names.sql");
        assertThat(Migrations.scripts(Dialect.POSTGRES)).isEqualTo(sqlite);
    }

    @Test
    void statements_keepATriggerBodyWhole() {
        String script = """
                CREATE TABLE t (x INTEGER);
                CREATE TRIGGER g AFTER INSERT ON t
                BEGIN
                    UPDATE t SET x = 1;
                    UPDATE t SET x = 2;
                END;
                DROP TABLE u;
                """;
        assertThat(Migrations.statements(script))
                .containsExactly(
                        "CREATE TABLE t (x INTEGER)",
                        "CREATE TRIGGER g AFTER INSERT ON t\nBEGIN\n    UPDATE t SET x = 1;\n    UPDATE t SET x = 2;\nEND",
                        "DROP TABLE u");
    }

    @Test
    void statements_splitOnLineEndingSemicolonsAndDropComments() {
        assertThat(Migrations.statements("-- header\nCREATE TABLE a (x TEXT); \nCREATE TABLE b (y TEXT);\n"))
                .containsExactly("CREATE TABLE a (x TEXT)", "CREATE TABLE b (y TEXT)");
    }
}
