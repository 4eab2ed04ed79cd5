package dev.momo.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    private static final String CSV = "id,income,plan\n1,1520.5,basic\n2,,pro\n3,NA,\"plus, yearly\"\n";

    @TempDir
    Path directory;

    @Test
    void readPlainFile_returnsHeaderAndRows() throws IOException {
        final Path file = write("plain.csv", CSV);

        final CsvTable table = CsvTable.read(file);

        assertThat(table.header()).containsExactly("id", "income", "plan");
        assertThat(table.rowCount()).isEqualTo(3);
        assertThat(table.row(0)).containsExactly("1", "1520.5", "basic");
        assertThat(table.source()).isEqualTo(file);
    }

    @Test
    void readQuotedCell_keepsComma() throws IOException {
        final CsvTable table = CsvTable.read(write("quoted.csv", CSV));

        assertThat(table.row(2)[2]).isEqualTo("plus, yearly");
    }

    @Test
    void readEmptyCell_isEmptyText() throws IOException {
        final CsvTable table = CsvTable.read(write("empty-cell.csv", CSV));

        assertThat(table.column("income")).containsExactly("1520.5", "", "NA");
    }

    @Test
    void readGzipWithoutGzSuffix_detectsMagicBytes() throws IOException {
        final Path file = directory.resolve("compressed.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }

        final CsvTable table = CsvTable.read(file);

        assertThat(table.header()).containsExactly("id", "income", "plan");
        assertThat(table.column("plan")).containsExactly("basic", "pro", "plus, yearly");
    }

    @Test
    void readPlainWithGzSuffix_readsAsText() throws IOException {
        final CsvTable table = CsvTable.read(write("not-compressed.csv.gz", CSV));

        assertThat(table.rowCount()).isEqualTo(3);
    }

    @Test
    void readByteOrderMark_isNotInHeader() throws IOException {
        final Path file = directory.resolve("excel.csv");
        Files.write(file, ("\uFEFF" + CSV).getBytes(StandardCharsets.UTF_8));

        final CsvTable table = CsvTable.read(file);

        assertThat(table.header()).containsExactly("id", "income", "plan");
    }

    @Test
    void readShortRow_errorNamesLine() throws IOException {
        // Line 1 is the header, so the short row "2,7" is on line 3.
        final Path file = write("short-row.csv", "id,income,plan\n1,1520.5,basic\n2,7\n3,8,pro\n");

        assertThatThrownBy(() -> CsvTable.read(file))
                .isInstanceOf(InvalidTableException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("2 cells")
                .hasMessageContaining("3 columns");
    }

    @Test
    void readMissingFile_errorNamesFile() {
        final Path file = directory.resolve("absent.csv");

        assertThatThrownBy(() -> CsvTable.read(file))
                .isInstanceOf(InvalidTableException.class)
                .hasMessageContaining("not found")
                .hasMessageContaining(file.toString());
    }

    @Test
    void readEmptyFile_errorNamesHeader() throws IOException {
        final Path file = write("empty.csv", "");

        assertThatThrownBy(() -> CsvTable.read(file))
                .isInstanceOf(InvalidTableException.class)
                .hasMessageContaining("no header row");
    }

    @Test
    void readDuplicateColumnNames_throws() throws IOException {
        final Path file = write("duplicate.csv", "a,b,a\n1,2,3\n");

        assertThatThrownBy(() -> CsvTable.read(file))
                .isInstanceOf(InvalidTableException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void columnIndexUnknownName_errorListsColumns() throws IOException {
        final CsvTable table = CsvTable.read(write("columns.csv", CSV));

        assertThatThrownBy(() -> table.columnIndex("age"))
                .isInstanceOf(InvalidTableException.class)
                .hasMessageContaining("'age'")
                .hasMessageContaining("[id, income, plan]");
    }

    @Test
    void hasColumn_reportsPresence() throws IOException {
        final CsvTable table = CsvTable.read(write("has-column.csv", CSV));

        assertThat(table.hasColumn("plan")).isTrue();
        assertThat(table.hasColumn("age")).isFalse();
    }

    @Test
    void ofShortRow_errorNamesRow() {
        final List<String[]> rows = List.of(new String[] {"1", "2"}, new String[] {"3"});

        assertThatThrownBy(() -> CsvTable.of(Path.of("memory"), List.of("a", "b"), rows))
                .isInstanceOf(InvalidTableException.class)
                .hasMessageContaining("row 1")
                .hasMessageContaining("1 cells");
    }

    private Path write(final String name, final String content) throws IOException {
        final Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
