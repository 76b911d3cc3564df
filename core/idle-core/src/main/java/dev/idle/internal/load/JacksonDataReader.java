package dev.idle.internal.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.idle.api.IdleInputException;
import dev.idle.api.data.DataMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads JSON or YAML into the same data tree the {@code .psd1} parser builds (DataMap, ArrayList, String, Long or
 * BigInteger, Double, Boolean, null).
 *
 * <p>It reads Jackson's token stream rather than a {@code JsonNode} tree because a tree forgets where each key was,
 * and a duplicate key (compared case-insensitively, since a DataMap folds case) must be reported with its position.
 */
final class JacksonDataReader {
    private final JsonParser parser;
    private final LoadProblems problems;

    private JacksonDataReader(JsonParser parser, LoadProblems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    static Object read(JsonFactory factory, String text, String fileName) {
        LoadProblems problems = new LoadProblems(fileName);
        Object result = null;
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IdleInputException(fileName + ": no data: the file is empty");
            }
            JacksonDataReader reader = new JacksonDataReader(parser, problems);
            result = reader.value();
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(at.getLineNr(), at.getColumnNr(), "unexpected content after the data (a file holds one value)");
            }
        } catch (JsonProcessingException e) {
            reportSyntaxError(e, problems);
        } catch (IOException e) {
            throw new IdleInputException(fileName + ": cannot read: " + e.getMessage(), e);
        }
        problems.throwIfAny();
        return result;
    }

    private Object value() throws IOException {
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            // Jackson hands an alias over as its bare name; loading that as a string would silently change the data.
            JsonLocation at = parser.currentTokenLocation();
            problems.add(at.getLineNr(), at.getColumnNr(), "YAML aliases are not supported: *" + parser.getText());
            return null;
        }
        return switch (token) {
            case START_OBJECT -> object();
            case START_ARRAY -> array();
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(at.getLineNr(), at.getColumnNr(), "unsupported value (" + token + ")");
                parser.skipChildren();
                yield null;
            }
        };
    }

    private DataMap object() throws IOException {
        DataMap map = new DataMap();
        Map<String, JsonLocation> firstKeys = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonLocation at = parser.currentTokenLocation();
            parser.nextToken();
            Object value = value();
            JsonLocation first = firstKeys.putIfAbsent(key.toLowerCase(Locale.ROOT), at);
            if (first != null) {
                problems.add(at.getLineNr(), at.getColumnNr(),
                        "duplicate key '" + key + "' (first at line " + first.getLineNr() + ")");
            } else {
                map.put(key, value);
            }
        }
        return map;
    }

    private List<Object> array() throws IOException {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(value());
        }
        return list;
    }

    /**
     * Jackson's messages carry a source excerpt on later lines; only the first line is the problem. SnakeYAML's own
     * exception, when present, names the actual problem ("could not find expected ':'") and its exact mark.
     */
    private static void reportSyntaxError(JsonProcessingException e, LoadProblems problems) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null && yaml.getProblem() != null) {
                Mark mark = yaml.getProblemMark();
                String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
                problems.add(mark.getLine() + 1, mark.getColumn() + 1, yaml.getProblem() + context);
                return;
            }
        }
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String firstLine = message.lines().findFirst().orElse(message).trim();
        problems.add(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), firstLine);
    }
}
