package io.distgres.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Session settings on pooled connections, against an embedded PostgreSQL 17: set where they differ, never per task. */
class SessionSettingsOnConnectionIT {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_setting('" + name + "')")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Leaves {@code connection} in a failed transaction: any statement sent now fails with 25P02. */
    private static void abortTransaction(Connection connection) {
        assertThatThrownBy(() -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1 / 0");
            }
        }).isInstanceOf(SQLException.class);
    }

    @Test
    void settingsAlreadyCarriedCostNoStatementAndOthersGoBackToTheServersValues() throws SQLException {
        SessionSettingsOnConnection settings = new SessionSettingsOnConnection();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            String serverZone = setting(connection, "TimeZone");
            String serverDigits = setting(connection, "extra_float_digits");
            settings.reconcile(connection, Map.of("TimeZone", "Asia/Tokyo", "extra_float_digits", "3"));
            assertThat(setting(connection, "TimeZone")).isEqualTo("Asia/Tokyo");
            assertThat(setting(connection, "extra_float_digits")).isEqualTo("3");

            connection.setAutoCommit(false);
            abortTransaction(connection);
            // the same settings, however their names are written: nothing is sent (it would fail with 25P02)
            settings.reconcile(connection, Map.of("timezone", "Asia/Tokyo", "EXTRA_FLOAT_DIGITS", "3"));
            connection.rollback();
            connection.setAutoCommit(true);

            settings.reconcile(connection, Map.of("TimeZone", "America/Lima"));
            assertThat(setting(connection, "TimeZone")).isEqualTo("America/Lima");
            assertThat(setting(connection, "extra_float_digits")).isEqualTo(serverDigits);
            settings.reconcile(connection, Map.of());
            assertThat(setting(connection, "TimeZone")).isEqualTo(serverZone);
        }
    }

    @Test
    void insideAPinnedTransactionOnlyWhatDiffersIsAppliedAndPutBack() throws SQLException {
        SessionSettingsOnConnection settings = new SessionSettingsOnConnection();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            String serverStyle = setting(connection, "IntervalStyle");
            settings.reconcile(connection, Map.of("TimeZone", "Asia/Tokyo"));
            connection.setAutoCommit(false);
            setting(connection, "TimeZone");
            Map<String, String> previous = settings.applyForTask(connection,
                    Map.of("TimeZone", "Asia/Tokyo", "IntervalStyle", "sql_standard"));
            assertThat(previous).containsOnlyKeys("intervalstyle");
            assertThat(setting(connection, "IntervalStyle")).isEqualTo("sql_standard");
            assertThat(SessionSettingsOnConnection.restore(connection, previous)).isTrue();
            assertThat(setting(connection, "IntervalStyle")).isEqualTo(serverStyle);
            abortTransaction(connection);
            assertThat(settings.applyForTask(connection, Map.of("TimeZone", "Asia/Tokyo"))).isEmpty();
            connection.rollback();
            assertThat(setting(connection, "TimeZone")).isEqualTo("Asia/Tokyo");
        }
    }

    @Test
    void aValuePostgresRefusesFailsAndTheConnectionKeepsWhatItCarried() throws SQLException {
        SessionSettingsOnConnection settings = new SessionSettingsOnConnection();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            settings.reconcile(connection, Map.of("TimeZone", "Asia/Tokyo"));
            assertThatThrownBy(() -> settings.reconcile(connection, Map.of("TimeZone", "Nowhere/Atlantis")))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Nowhere/Atlantis");
            assertThat(setting(connection, "TimeZone")).isEqualTo("Asia/Tokyo");
            settings.reconcile(connection, Map.of("TimeZone", "Asia/Tokyo"));
            assertThat(setting(connection, "TimeZone")).isEqualTo("Asia/Tokyo");
        }
    }
}
