package dev.idle.internal.load;

import dev.idle.api.IdleInputException;
import dev.idle.api.InputLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads a file a user writes (workflow, request, host, exported plan) into a data tree, choosing the syntax by
 * extension: {@code .psd1} ({@link Psd1Parser}), {@code .yaml}/{@code .yml} or {@code .json} (Jackson). Every format
 * yields the same kinds of values, so the same content loads equal whatever its format.
 *
 * <p>A file larger than {@code maxFileBytes} is refused before it is read (from its size when it is a regular file,
 * after reading one byte past the limit otherwise); bytes that are not UTF-8 are refused with their line and column.
 * Every other limit and rule is the parsers' ({@link InputRules}). All failures are {@link IdleInputException}s whose
 * message starts with the file name.
 */
public final class DataFileLoader {
    static final String SUPPORTED = ".psd1, .yaml, .yml, .json";

    /** Java strings and arrays stop a little below 2 GiB whatever the limit says. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    private DataFileLoader() {
    }

    /**
     * Reads {@code file} as UTF-8 (a leading byte-order mark is ignored) and parses it.
     *
     * @throws IdleInputException when the file is missing, unreadable or too large, has an unsupported extension,
     *                            is not UTF-8, or does not parse; messages start with the file name
     */
    public static Object load(Path file) {
        return load(file, null);
    }

    /**
     * Like {@link #load(Path)}, and every number literal of a JSON or YAML file must also satisfy {@code numberForm}
     * (an exported plan's numbers must be written as the exporter writes them).
     */
    public static Object load(Path file, NumberForm numberForm) {
        String name = file.toString();
        Syntax syntax = syntaxOf(name);
        return parse(syntax, read(file, name, InputLimits.current().maxFileBytes()), name, numberForm);
    }

    /** Parses {@code text} as if read from a file named {@code fileName}, whose extension picks the syntax. */
    public static Object loadString(String text, String fileName) {
        return loadString(text, fileName, null);
    }

    /** Like {@link #loadString(String, String)} with the extra number rule of {@link #load(Path, NumberForm)}. */
    public static Object loadString(String text, String fileName, NumberForm numberForm) {
        Syntax syntax = syntaxOf(fileName);
        long limit = InputLimits.current().maxFileBytes();
        if (text.length() > limit) {
            throw new IdleInputException(fileName + ": " + InputRules.fileTooLarge(" of " + text.length()
                    + " characters is", limit));
        }
        return parse(syntax, text, fileName, numberForm);
    }

    /**
     * Parses one line of a JSON Lines file: {@code bytes} (without its line feed) must be strict UTF-8 and one JSON
     * value; problems are named {@code <fileName>:<line>:<column>}.
     */
    public static Object loadJsonLine(byte[] bytes, String fileName, long line) {
        String text = decodeUtf8Line(bytes, fileName, line);
        String body = line == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
        return JacksonDataReader.read(false, body, fileName, null, line - 1);
    }

    /** Strict UTF-8 of line {@code line} of a file; a bad byte is reported as {@code <fileName>:<line>:<column>}. */
    public static String decodeUtf8Line(byte[] bytes, String fileName, long line) {
        try {
            return decodeUtf8(bytes, fileName);
        } catch (IdleInputException e) {
            // decodeUtf8 counts from line 1 of the text it is given: this text is line `line` of the file
            String prefix = fileName + ":1:";
            String m = e.getMessage();
            throw new IdleInputException(m.startsWith(prefix) ? fileName + ":" + line + ":" + m.substring(prefix.length())
                    : m);
        }
    }

    private static String read(Path file, String name, long limit) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > limit) {
                throw new IdleInputException(name + ": " + InputRules.fileTooLarge(" of " + Files.size(file)
                        + " bytes is", limit));
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                // A FIFO or device has no size: read one byte past the limit to know it was exceeded.
                bytes = in.readNBytes((int) Math.min(limit + 1, MAX_ARRAY));
            }
            if (bytes.length > limit) {
                throw new IdleInputException(name + ": " + InputRules.fileTooLarge(" is", limit));
            }
            return decodeUtf8(bytes, name);
        } catch (NoSuchFileException e) {
            throw new IdleInputException(name + ": file not found", e);
        } catch (AccessDeniedException e) {
            throw new IdleInputException(name + ": cannot read: permission denied", e);
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "is a directory" : String.valueOf(e.getMessage());
            throw new IdleInputException(name + ": cannot read: " + reason, e);
        }
    }

    /**
     * Strict UTF-8 (no replacement characters): a bad byte is reported with the line and column it stands at. The
     * bytes are checked through a small buffer, so that valid text costs nothing beyond the resulting string.
     */
    static String decodeUtf8(byte[] bytes, String name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer chunk = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            chunk.clear();
            result = decoder.decode(in, chunk, true);
        } while (result.isOverflow());
        if (result.isError()) {
            int bad = in.position();
            int[] at = lineAndColumn(new String(bytes, 0, bad, StandardCharsets.UTF_8)); // the valid text before it
            throw new IdleInputException(name + ":" + at[0] + ":" + at[1] + ": cannot read: not valid UTF-8 text"
                    + " (byte 0x" + String.format("%02X", bytes[bad] & 0xFF) + " at offset " + bad + ")");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** 1-based line and column just after {@code text}, counting lines as {@link SourceCursor} does. */
    private static int[] lineAndColumn(CharSequence text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private enum Syntax { PSD1, YAML, JSON }

    private static Syntax syntaxOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".psd1")) {
            return Syntax.PSD1;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return Syntax.YAML;
        }
        if (lower.endsWith(".json")) {
            return Syntax.JSON;
        }
        throw new IdleInputException(fileName + ": unsupported file type (supported: " + SUPPORTED + ")");
    }

    private static Object parse(Syntax syntax, String text, String fileName, NumberForm numberForm) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return switch (syntax) {
            case PSD1 -> Psd1Parser.parse(body, fileName);
            case YAML -> JacksonDataReader.read(true, body, fileName, numberForm);
            case JSON -> JacksonDataReader.read(false, body, fileName, numberForm);
        };
    }
}
