package dev.idle.internal.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.idle.api.IdleInputException;
import dev.idle.api.InputLimits;
import dev.idle.api.data.DataMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads JSON or YAML into the same data tree the {@code .psd1} parser builds (DataMap, ArrayList, String, Long,
 * Double, Boolean, null).
 *
 * <p>It reads Jackson's token stream rather than a {@code JsonNode} tree because a tree forgets where each key was,
 * and a duplicate key (compared case-insensitively, since a DataMap folds case) must be reported with its position.
 * The same stream lets it apply {@link InputRules} to each value at its position: nesting is checked before each
 * descent (reading stops there), strings, keys and number literals against their limits, numbers against I-JSON, text
 * against lone surrogates. Jackson's and SnakeYAML's own limits ({@link JacksonFactories}) are a backstop whose
 * exceptions are translated into the same messages, never shown as they are.
 */
final class JacksonDataReader {
    private final JsonParser parser;
    private final LoadProblems problems;
    private final InputLimits limits;
    private final NumberForm numberForm;
    private int depth;

    /** Stops reading at once: after a nesting problem going on would only descend further; after an alias, repeat. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private JacksonDataReader(JsonParser parser, LoadProblems problems, InputLimits limits, NumberForm numberForm) {
        this.parser = parser;
        this.problems = problems;
        this.limits = limits;
        this.numberForm = numberForm;
    }

    static Object read(boolean yaml, String text, String fileName, NumberForm numberForm) {
        return read(yaml, text, fileName, numberForm, 0);
    }

    /** Like {@link #read(boolean, String, String, NumberForm)}; problems name lines counted after {@code linesBefore}. */
    static Object read(boolean yaml, String text, String fileName, NumberForm numberForm, long linesBefore) {
        InputLimits limits = InputLimits.current();
        LoadProblems problems = new LoadProblems(fileName, linesBefore);
        Object result = null;
        try (JsonParser parser = JacksonFactories.forLimits(limits, yaml).createParser(text)) {
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new IdleInputException(fileName + ": no data: the file is empty");
                }
                result = new JacksonDataReader(parser, problems, limits, numberForm).value();
                if (parser.nextToken() != null) {
                    JsonLocation at = parser.currentTokenLocation();
                    problems.add(at.getLineNr(), at.getColumnNr(),
                            "unexpected content after the data (a file holds one value)");
                }
            } catch (JsonProcessingException | YAMLException e) {
                reportSyntaxError(e, parser, problems, limits, numberForm != null);
            } catch (Stop e) {
                // the problem that stopped reading is recorded
            }
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
            // Reading stops here: a file of aliases (an alias bomb) would otherwise cost a problem per alias.
            report("YAML aliases are not supported: *" + parser.getText());
            throw new Stop();
        }
        return switch (token) {
            case START_OBJECT -> {
                descend();
                DataMap map = object();
                depth--;
                yield map;
            }
            case START_ARRAY -> {
                descend();
                List<Object> list = array();
                depth--;
                yield list;
            }
            case VALUE_STRING -> checked(parser.getText(), false);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(token);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> {
                report("unsupported value (" + token + ")");
                parser.skipChildren();
                yield null;
            }
        };
    }

    private void descend() {
        if (++depth > limits.maxNestingDepth()) {
            report(InputRules.tooDeep(limits.maxNestingDepth()));
            throw new Stop();
        }
    }

    private DataMap object() throws IOException {
        DataMap map = new DataMap();
        Map<String, JsonLocation> firstKeys = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = checked(parser.currentName(), true);
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

    private String checked(String text, boolean key) {
        String problem = InputRules.checkString(text, key, limits.maxStringLength());
        if (problem != null) {
            report(problem);
        }
        return text;
    }

    /**
     * The literal's length and form are checked on its source text before Jackson converts it; then the value must be
     * an I-JSON number. A JSON reader that turned {@code 1e999999999} into infinity would export it as {@code null}.
     */
    private Object number(JsonToken token) throws IOException {
        String literal = parser.getText();
        if (literal.length() > limits.maxNumberDigits()) {
            report(InputRules.numberTooLong(literal, limits.maxNumberDigits()));
            return null;
        }
        if (numberForm != null) {
            String problem = numberForm.problem(literal);
            if (problem != null) {
                report(problem);
                return null;
            }
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || !InputRules.isSafeInteger(parser.getLongValue())) {
                report(InputRules.integerOutOfRange(literal));
                return null;
            }
            return parser.getLongValue();
        }
        double value;
        try {
            value = parser.getDoubleValue();
        } catch (JsonProcessingException e) {
            value = Double.NaN; // YAML's .inf and .nan are refused below like any non-finite number
        }
        if (!Double.isFinite(value)) {
            report(InputRules.notFinite(literal));
            return null;
        }
        return value;
    }

    private void report(String message) {
        JsonLocation at = parser.currentTokenLocation();
        problems.add(at.getLineNr(), at.getColumnNr(), message);
    }

    /**
     * Jackson's messages carry a source excerpt on later lines; only the first line is the problem. SnakeYAML's own
     * exception, when present, names the actual problem ("could not find expected ':'") and its exact mark. A limit
     * Jackson or SnakeYAML enforced is reported in IdLE's words, at the parser's position when the exception has none.
     */
    private static void reportSyntaxError(Exception e, JsonParser parser, LoadProblems problems, InputLimits limits,
                                          boolean exportedNumbers) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null && yaml.getProblem() != null) {
                Mark mark = yaml.getProblemMark();
                String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
                problems.add(mark.getLine() + 1, mark.getColumn() + 1, yaml.getProblem() + context);
                return;
            }
        }
        String limit = JacksonFactories.limitProblem(e, limits);
        JsonLocation at = limit != null ? parser.currentTokenLocation()
                : e instanceof JsonProcessingException j ? j.getLocation() : null;
        if (limit == null && String.valueOf(e.getMessage()).contains("Leading zeroes not allowed")) {
            // JSON forbids them (Jackson's position is the digit after the zero); a plan's exporter never wrote one
            limit = "number with a leading zero " + (exportedNumbers ? "is not written as the exporter writes it: the"
                    + " plan was edited after it was exported; refusing to run it" : "is not valid JSON");
        }
        if (at == null || at.getLineNr() < 1) {
            at = parser.currentLocation();
        }
        String message = limit != null ? limit : firstLine(e);
        problems.add(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()), message);
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        return readable(message.lines().findFirst().orElse(message).trim());
    }

    private static final Pattern YAML_EVENT =
            Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event\\([^>]*\\)>");

    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z])(?=[A-Z])");

    /** Names SnakeYAML's parser events in words ("a mapping start"), so no parser class reaches the user. */
    static String readable(String message) {
        Matcher m = YAML_EVENT.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String words = CAMEL.splitAsStream(m.group(1)).map(w -> w.toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(" "));
            m.appendReplacement(out, Matcher.quoteReplacement("a " + words));
        }
        m.appendTail(out);
        return out.toString();
    }
}
