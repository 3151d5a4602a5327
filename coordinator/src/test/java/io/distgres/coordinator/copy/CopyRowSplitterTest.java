package io.distgres.coordinator.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyRowSplitterTest {
    private static final CopyFormat CSV = new CopyFormat(true, (byte) ',', "", false, (byte) '"', (byte) '"');

    @Test
    void textRowsEndAtUnescapedNewlinesWhereverTheChunksAreCut() {
        String input = "1\ta\\\nb\n2\tc\\\\\n3\tlast";
        for (int cut = 0; cut <= input.length(); cut++) {
            assertThat(split(CopyFormat.TEXT, input.substring(0, cut), input.substring(cut)))
                    .as("cut at %d", cut).containsExactly("1\ta\\\nb\n", "2\tc\\\\\n", "3\tlast\n");
        }
    }

    @Test
    void textStopsAtTheEndMarker() {
        assertThat(split(CopyFormat.TEXT, "1\n\\.\n2\n")).containsExactly("1\n");
    }

    @Test
    void csvQuotedFieldsKeepNewlinesAndDoubledQuotes() {
        String input = "1,\"two\nlines\"\n2,\"say \"\"hi\"\"\nthere\"\r\n3,x\n";
        for (int cut = 0; cut <= input.length(); cut++) {
            assertThat(split(CSV, input.substring(0, cut), input.substring(cut))).as("cut at %d", cut)
                    .containsExactly("1,\"two\nlines\"\n", "2,\"say \"\"hi\"\"\nthere\"\r\n", "3,x\n");
        }
    }

    @Test
    void csvFieldsDecodeQuotesAndNulls() {
        byte[] row = "1,,\"\",\"a,b\",\"say \"\"hi\"\"\",\u00e9\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CopyCsvRow.field(row, 0, CSV)).isEqualTo("1");
        assertThat(CopyCsvRow.field(row, 1, CSV)).isNull();
        assertThat(CopyCsvRow.field(row, 2, CSV)).isEmpty();
        assertThat(CopyCsvRow.field(row, 3, CSV)).isEqualTo("a,b");
        assertThat(CopyCsvRow.field(row, 4, CSV)).isEqualTo("say \"hi\"");
        assertThat(CopyCsvRow.field(row, 5, CSV)).isEqualTo("\u00e9");
    }

    @Test
    void textFieldsWithAnotherDelimiterAndNull() {
        byte[] row = "a\\|b|NA|c\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CopyTextRow.field(row, 0, (byte) '|', "NA")).isEqualTo("a|b");
        assertThat(CopyTextRow.field(row, 1, (byte) '|', "NA")).isNull();
        assertThat(CopyTextRow.field(row, 2, (byte) '|', "NA")).isEqualTo("c");
    }

    private static List<String> split(CopyFormat format, String... chunks) {
        List<String> rows = new ArrayList<>();
        CopyRowSplitter splitter = new CopyRowSplitter(format, row -> rows.add(new String(row, StandardCharsets.UTF_8)));
        for (String chunk : chunks) {
            splitter.feed(chunk.getBytes(StandardCharsets.UTF_8));
        }
        splitter.finish();
        return rows;
    }
}
