package io.distgres.coordinator.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.error.PgException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CopyCommandParserTest {
    @Test
    void plainCopyFromStdinIsTextWithTabsAndBackslashN() {
        CopyCommand command = CopyCommandParser.parse("copy Messages from stdin;");
        assertThat(command).isEqualTo(new CopyCommand(Optional.empty(), "messages", List.of(), true, CopyFormat.TEXT));
    }

    @Test
    void columnListQuotedNamesAndSchema() {
        CopyCommand command = CopyCommandParser.parse("COPY \"My Schema\".\"Notes\" (id, \"Body\") FROM STDIN");
        assertThat(command.schema()).contains("My Schema");
        assertThat(command.table()).isEqualTo("Notes");
        assertThat(command.columns()).containsExactly("id", "Body");
    }

    @Test
    void csvOptionsInBothSyntaxes() {
        CopyFormat modern = CopyCommandParser.parse(
                "COPY t FROM STDIN WITH (FORMAT csv, HEADER, DELIMITER ';', NULL 'NA', QUOTE '''', ESCAPE '\\')").format();
        assertThat(modern).isEqualTo(new CopyFormat(true, (byte) ';', "NA", true, (byte) '\'', (byte) '\\'));
        CopyFormat old = CopyCommandParser.parse("COPY t FROM STDIN CSV HEADER").format();
        assertThat(old).isEqualTo(new CopyFormat(true, (byte) ',', "", true, (byte) '"', (byte) '"'));
        assertThat(CopyCommandParser.parse("COPY t FROM STDIN WITH (FORMAT csv, HEADER false)").format().header())
                .isFalse();
        assertThat(CopyCommandParser.parse("COPY t FROM STDIN DELIMITER AS '|' NULL AS ''").format())
                .isEqualTo(new CopyFormat(false, (byte) '|', "", false, (byte) '"', (byte) '"'));
    }

    @Test
    void copyToStdout() {
        CopyCommand command = CopyCommandParser.parse("COPY t (a) TO STDOUT WITH (FORMAT csv)");
        assertThat(command.from()).isFalse();
        assertThat(command.format().csv()).isTrue();
    }

    @Test
    void binaryAndOtherOptionsAreRefusedByName() {
        assertSqlState("COPY t FROM STDIN WITH (FORMAT binary)", "0A000", "binary");
        assertSqlState("COPY t FROM STDIN BINARY", "0A000", "binary");
        assertSqlState("COPY t FROM STDIN WITH (FORCE_NOT_NULL (a))", "0A000", "FORCE_NOT_NULL");
        assertSqlState("COPY t FROM STDIN WITH (FORMAT csv) WHERE a > 1", "0A000", "where");
        assertSqlState("COPY t FROM STDIN WITH (DELIMITER '||')", "22023", "DELIMITER");
        assertSqlState("COPY t FROM '/etc/passwd'", "42601", "/etc/passwd");
    }

    @Test
    void workerOptionsRepeatTheFormatButNotTheHeader() {
        assertThat(CopyCommandParser.parse("COPY t FROM STDIN CSV HEADER").format().workerOptions())
                .isEqualTo("(FORMAT csv, DELIMITER ',', NULL '', QUOTE '\"', ESCAPE '\"')");
        assertThat(CopyFormat.TEXT.workerOptions()).isEqualTo("(FORMAT text, DELIMITER '\t', NULL '\\N')");
    }

    @Test
    void readsTheStatementWithTheSqlLexer() {
        CopyCommand command = CopyCommandParser.parse(
                "COPY /* a /* nested */ comment */ \"a\"\"b\" -- line\n FROM STDIN WITH (DELIMITER E'\\t', NULL $$-$$)");
        assertThat(command.table()).isEqualTo("a\"b");
        assertThat(command.format().delimiter()).isEqualTo((byte) '\t');
        assertThat(command.format().nullString()).isEqualTo("-");
        String longName = "é".repeat(40);
        assertThat(CopyCommandParser.parse("COPY " + longName + " FROM STDIN").table()).isEqualTo("é".repeat(31));
    }

    @Test
    void unterminatedQuotesAreSyntaxErrors() {
        assertSqlState("COPY t FROM STDIN WITH (DELIMITER '|)", "42601", "unterminated quoted string");
        assertSqlState("COPY \"t FROM STDIN", "42601", "unterminated quoted identifier");
    }

    private static void assertSqlState(String sql, String sqlState, String mentions) {
        assertThatThrownBy(() -> CopyCommandParser.parse(sql)).as(sql).isInstanceOfSatisfying(PgException.class, e -> {
            assertThat(e.sqlState()).isEqualTo(sqlState);
            assertThat(e.getMessage()).containsIgnoringCase(mentions);
        });
    }
}
