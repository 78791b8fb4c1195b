package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class StatementCacheTest {

    @Test
    void direct_ofACachedStatement_isTheDriversOwn_andTheCachedViewStaysReusable() throws Exception {
        try (Connection connection = StatementCache.wrap(DriverManager.getConnection("jdbc:sqlite::memory:"))) {
            PreparedStatement driverStatement;
            try (PreparedStatement cached = connection.prepareStatement("SELECT ? + 1")) {
                driverStatement = StatementCache.direct(cached);
                assertThat(Proxy.isProxyClass(driverStatement.getClass())).isFalse();
                driverStatement.setInt(1, 41);
                try (ResultSet rs = cached.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                }
            }
            try (PreparedStatement again = connection.prepareStatement("SELECT ? + 1")) {
                assertThat(StatementCache.direct(again)).isSameAs(driverStatement);
                assertThat(driverStatement.isClosed()).isFalse();
            }
        }
    }

    @Test
    void direct_ofAStatementNotCachedHere_isThatStatement() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
                PreparedStatement plain = connection.prepareStatement("SELECT 1")) {
            assertThat(StatementCache.direct(plain)).isSameAs(plain);
        }
    }
}
