package dev.idle.internal.batch;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import dev.idle.api.IdleInputException;
import dev.idle.api.InputLimits;
import dev.idle.api.RequestSource;
import dev.idle.api.data.DataMap;
import dev.idle.internal.load.DataFileLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CSV requests: the header names one dotted request path per column ({@code lifecycleEvent}, {@code correlationId},
 * {@code actor}, or {@code identityKeys.*}, {@code intent.*}, {@code context.*} with one or more segments); each
 * following record is one request whose values are strings, an empty cell leaving its path absent. Records are split
 * by Jackson's CSV parser one at a time; a quoted value may span lines, and the record is numbered by the physical
 * line it starts on. The file-size limit applies to each record.
 *
 * <p>A bad header fails {@link #open} with {@link IdleInputException} (nothing can be read without it); a bad record
 * is an invalid {@link RequestSource.Item}. Not thread-safe.
 */
public final class CsvRequestSource implements RequestSource {
    private static final Set<String> SCALARS = Set.of("lifecycleevent", "correlationid", "actor");
    private static final Set<String> MAPS = Set.of("identitykeys", "intent", "context");
    private static final ObjectReader ROW = new CsvMapper().readerFor(String[].class);

    private final BoundedLineReader lines;
    private final String name;
    private final long maxRecordBytes;
    private final List<String[]> columns;

    private CsvRequestSource(BoundedLineReader lines, String name, long maxRecordBytes, List<String[]> columns) {
        this.lines = lines;
        this.name = name;
        this.maxRecordBytes = maxRecordBytes;
        this.columns = columns;
    }

    /**
     * Reads the header.
     *
     * @throws IdleInputException naming {@code <name>:1} when the header is missing or names something that is not a
     *     request path
     */
    public static CsvRequestSource open(InputStream in, String name) {
        long limit = InputLimits.current().maxFileBytes();
        BoundedLineReader lines = new BoundedLineReader(in, limit);
        Record header = record(lines, name, limit);
        if (header == null) {
            throw new IdleInputException(name + ": no header: the file is empty");
        }
        if (header.problem() != null) {
            throw new IdleInputException(header.problem());
        }
        String text = header.text().startsWith("\uFEFF") ? header.text().substring(1) : header.text();
        return new CsvRequestSource(lines, name, limit, columns(cells(text, name, header.line()), name));
    }

    private record Record(long line, String text, String problem) {
    }

    /** The next record's text, joining lines while a quoted value is open; null at the end. */
    private static Record record(BoundedLineReader lines, String name, long limit) {
        BoundedLineReader.Line first = lines.next();
        while (first != null && !first.tooLong() && first.bytes().length == 0) {
            first = lines.next();
        }
        if (first == null) {
            return null;
        }
        long start = first.number();
        StringBuilder text = new StringBuilder();
        BoundedLineReader.Line line = first;
        long bytes = 0;
        while (true) {
            if (line.tooLong() || (bytes += line.bytes().length + 1) > limit + 1) {
                skipRestOfRecord(lines, text);
                return new Record(start, null, JsonLinesRequestSource.tooLong(name, start, limit));
            }
            try {
                text.append(DataFileLoader.decodeUtf8Line(line.bytes(), name, line.number()));
            } catch (IdleInputException e) {
                skipRestOfRecord(lines, text);
                return new Record(start, null, e.getMessage());
            }
            if (!inQuotes(text)) {
                return new Record(start, text.toString(), null);
            }
            line = lines.next();
            if (line == null) {
                return new Record(start, null, name + ":" + start + ": a quoted value is not closed before the end"
                        + " of the file");
            }
            text.append('\n');
        }
    }

    /** After a bad line inside a quoted value, skips to the line that closes it, so the next record starts clean. */
    private static void skipRestOfRecord(BoundedLineReader lines, StringBuilder text) {
        // a too-long or undecodable line is dropped whole: the quote count of what is left decides
        boolean open = inQuotes(text);
        while (open) {
            BoundedLineReader.Line next = lines.next();
            if (next == null) {
                return;
            }
            for (byte b : next.bytes()) {
                if (b == '"') {
                    open = !open;
                }
            }
        }
    }

    private static boolean inQuotes(CharSequence text) {
        boolean open = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                open = !open;
            }
        }
        return open;
    }

    private static String[] cells(String text, String name, long line) {
        try {
            String[] cells = ROW.readValue(text);
            return cells == null ? new String[0] : cells;
        } catch (IOException e) {
            throw new IdleInputException(name + ":" + line + ": not a CSV record: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static List<String[]> columns(String[] header, String name) {
        List<String> problems = new ArrayList<>();
        List<String[]> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String column = header[i].trim();
            String[] path = column.split("\\.", -1);
            String root = path[0].toLowerCase(Locale.ROOT);
            String at = name + ":1: column " + (i + 1) + " '" + column + "'";
            if (List.of(path).stream().anyMatch(String::isBlank)) {
                problems.add(at + ": a request path has no empty segments");
            } else if (SCALARS.contains(root) ? path.length != 1 : !MAPS.contains(root) || path.length < 2) {
                problems.add(at + ": not a request path; use lifecycleEvent, correlationId, actor, or identityKeys.<Key>,"
                        + " intent.<Key>, context.<Key> (dotted for nested keys)");
            } else if (!seen.add(column.toLowerCase(Locale.ROOT))) {
                problems.add(at + ": the column appears twice");
            }
            out.add(path);
        }
        for (String a : seen) {
            for (String b : seen) {
                if (b.startsWith(a + ".")) {
                    problems.add(name + ":1: columns '" + a + "' and '" + b + "' both set " + a);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IdleInputException(name + ": the CSV header is not a list of request paths", problems);
        }
        return out;
    }

    @Override
    public Item next() {
        Record r = record(lines, name, maxRecordBytes);
        if (r == null) {
            return null;
        }
        if (r.problem() != null) {
            return Item.invalid(r.line(), null, r.problem());
        }
        String[] cells;
        try {
            cells = cells(r.text(), name, r.line());
        } catch (IdleInputException e) {
            return Item.invalid(r.line(), null, e.getMessage());
        }
        if (cells.length != columns.size()) {
            return Item.invalid(r.line(), null, name + ":" + r.line() + ": " + cells.length + " values for "
                    + columns.size() + " columns");
        }
        DataMap request = new DataMap();
        for (int i = 0; i < cells.length; i++) {
            if (!cells[i].isEmpty()) {
                put(request, columns.get(i), cells[i]);
            }
        }
        return JsonLinesRequestSource.request(request, name + ":" + r.line(), r.line());
    }

    private static void put(DataMap root, String[] path, String value) {
        DataMap at = root;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = at.get(path[i]);
            if (!(child instanceof DataMap m)) {
                DataMap created = new DataMap();
                at.put(path[i], created);
                at = created;
            } else {
                at = m;
            }
        }
        at.put(path[path.length - 1], value);
    }

    @Override
    public void close() {
        try {
            lines.close();
        } catch (UncheckedIOException e) {
            // closing a request stream that was fully read cannot lose anything
        }
    }
}
