package dev.idle.provider.mock;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.idle.api.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads a {@link MockStore} from a JSON state file and writes it back atomically as 2-space pretty JSON. */
final class MockStateFile {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Two-space indent, {@code "key": value}, arrays one item per line, {} and [] when empty, and "\n" everywhere so files are stable. */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private final Path path;
    private final AtomicFiles.Rename rename;

    /** @param rename the last step of every save: {@link AtomicFiles#ATOMIC_RENAME}, or a failing one in tests */
    MockStateFile(Path path, AtomicFiles.Rename rename) {
        this.path = path;
        this.rename = rename;
    }

    Path path() {
        return path;
    }

    /**
     * The store the file holds; an empty store when the file does not exist yet.
     *
     * @throws IllegalArgumentException for invalid JSON (naming the file, line and column) or a wrong shape
     */
    MockStore load() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new MockStore();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read mock state file " + path + ": " + e.getMessage(), e);
        }
        Object tree;
        try {
            tree = MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : at.getLineNr();
            int column = at == null ? 1 : at.getColumnNr();
            throw new IllegalArgumentException(path + ":" + line + ":" + column
                    + ": invalid JSON in mock state file: " + e.getOriginalMessage(), e);
        }
        if (tree == null) {
            throw new IllegalArgumentException(path + ":1:1: invalid JSON in mock state file: the file is empty");
        }
        return MockStateCodec.readState(tree, path.toString());
    }

    /** The exact bytes {@link #save} writes for {@code store}. */
    static byte[] render(MockStore store) {
        try {
            return (WRITER.writeValueAsString(MockStateCodec.writeState(store)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Mock state cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes {@code content} (from {@link #render}) atomically, creating missing folders: after a failure the file
     * keeps its old content.
     */
    void save(byte[] content) {
        try {
            AtomicFiles.replace(path, content, rename);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write mock state file " + path + ": " + e.getMessage(), e);
        }
    }
}
