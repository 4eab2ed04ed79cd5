package dev.momo.table;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header row, plain or gzip-compressed (recognized by its magic bytes, whatever the
 * file name), held in memory as strings.
 */
public final class CsvTable {

    private final Path source;
    private final List<String> header;
    private final Map<String, Integer> indexByName;
    private final List<String[]> rows;

    private CsvTable(final Path source, final List<String> header, final List<String[]> rows) {
        this.source = source;
        this.header = List.copyOf(header);
        this.rows = rows;
        this.indexByName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            indexByName.put(header.get(i), i);
        }
    }

    /**
     * Reads the whole file.
     *
     * @throws InvalidTableException when the file is missing, empty, has duplicate column names or a row
     *     with another number of cells than the header
     */
    public static CsvTable read(final Path file) {
        try (InputStream in = open(file);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder()
                     .setHeader()
                     .setSkipHeaderRecord(true)
                     .setAllowDuplicateHeaderNames(false)
                     .get()
                     .parse(reader)) {
            final List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new InvalidTableException(file + " has no header row; the first line must name the columns");
            }
            final List<String[]> rows = new ArrayList<>();
            for (final CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    throw new InvalidTableException(file + " line " + parser.getCurrentLineNumber() + " has "
                            + record.size() + " cells but the header names " + header.size() + " columns");
                }
                rows.add(record.values());
            }
            return new CsvTable(file, header, rows);
        } catch (NoSuchFileException e) {
            throw new InvalidTableException("input file not found: " + file, e);
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).contains("duplicate name")) {
                throw new InvalidTableException(file + " has the same column name twice in its header; rename one: "
                        + e.getMessage().replaceAll("\\. If this is valid.*", ""), e);
            }
            throw new InvalidTableException("cannot read " + file + " as CSV with a header row: " + e.getMessage(), e);
        } catch (IOException | IllegalStateException e) {
            throw new InvalidTableException("cannot read " + file + " as CSV with a header row: " + e.getMessage(), e);
        }
    }

    /** Wraps rows already in memory; {@code source} names them in messages. */
    public static CsvTable of(final Path source, final List<String> header, final List<String[]> rows) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length != header.size()) {
                throw new InvalidTableException(source + " row " + i + " has " + rows.get(i).length
                        + " cells but the header names " + header.size() + " columns");
            }
        }
        return new CsvTable(source, header, List.copyOf(rows));
    }

    private static InputStream open(final Path file) throws IOException {
        final InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        final int first = raw.read();
        final int second = raw.read();
        raw.reset();
        final boolean gzip = first == 0x1f && second == 0x8b;
        return skipByteOrderMark(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }

    /** Skips a UTF-8 byte order mark (EF BB BF), as spreadsheet programs write, so it does not join the first column name. */
    private static InputStream skipByteOrderMark(final InputStream in) throws IOException {
        in.mark(3);
        if (in.read() != 0xEF || in.read() != 0xBB || in.read() != 0xBF) {
            in.reset();
        }
        return in;
    }

    public Path source() {
        return source;
    }

    public List<String> header() {
        return header;
    }

    public int rowCount() {
        return rows.size();
    }

    public String[] row(final int index) {
        return rows.get(index);
    }

    public boolean hasColumn(final String name) {
        return indexByName.containsKey(name);
    }

    /** Index of a column, or an {@link InvalidTableException} that lists the columns there are. */
    public int columnIndex(final String name) {
        final Integer index = indexByName.get(name);
        if (index == null) {
            throw new InvalidTableException("column '" + name + "' not found in " + source
                    + "; its columns are " + header);
        }
        return index;
    }

    public String[] column(final String name) {
        final int index = columnIndex(name);
        final String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i)[index];
        }
        return values;
    }
}
