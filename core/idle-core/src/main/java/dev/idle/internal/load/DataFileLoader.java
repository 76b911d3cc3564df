package dev.idle.internal.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.idle.api.IdleInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads a file a user writes (workflow, request, host) into a data tree, choosing the syntax by extension:
 * {@code .psd1} ({@link Psd1Parser}), {@code .yaml}/{@code .yml} or {@code .json} (Jackson). Every format yields the
 * same kinds of values, so the same content loads equal whatever its format.
 */
public final class DataFileLoader {
    static final String SUPPORTED = ".psd1, .yaml, .yml, .json";

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonFactory YAML = new YAMLFactory();

    private DataFileLoader() {
    }

    /**
     * Reads {@code file} as UTF-8 (a leading byte-order mark is ignored) and parses it.
     *
     * @throws IdleInputException when the file is missing or unreadable, has an unsupported extension, or does not
     *                            parse; messages start with the file name
     */
    public static Object load(Path file) {
        String name = file.toString();
        Syntax syntax = syntaxOf(name);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IdleInputException(name + ": file not found", e);
        } catch (AccessDeniedException e) {
            throw new IdleInputException(name + ": cannot read: permission denied", e);
        } catch (CharacterCodingException e) {
            throw new IdleInputException(name + ": cannot read: not valid UTF-8 text", e);
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "is a directory" : String.valueOf(e.getMessage());
            throw new IdleInputException(name + ": cannot read: " + reason, e);
        }
        return parse(syntax, text, name);
    }

    /** Parses {@code text} as if read from a file named {@code fileName}, whose extension picks the syntax. */
    public static Object loadString(String text, String fileName) {
        return parse(syntaxOf(fileName), text, fileName);
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

    private static Object parse(Syntax syntax, String text, String fileName) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return switch (syntax) {
            case PSD1 -> Psd1Parser.parse(body, fileName);
            case YAML -> JacksonDataReader.read(YAML, body, fileName);
            case JSON -> JacksonDataReader.read(JSON, body, fileName);
        };
    }
}
