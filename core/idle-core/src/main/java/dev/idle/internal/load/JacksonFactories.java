package dev.idle.internal.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.idle.api.InputLimits;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Jackson factories (JSON, YAML) configured from the {@link InputLimits} in force: Jackson's
 * {@link StreamReadConstraints} and SnakeYAML's {@link LoaderOptions} bound the work their own parsers do, as a
 * backstop to the checks {@link JacksonDataReader} makes at each value. Nesting is set one level deeper than the limit
 * so that the reader's own check, which knows the position, fires first.
 *
 * <p>Thread-safe: the factories for the latest limits are cached and rebuilt when the limits change.
 */
final class JacksonFactories {
    private record Built(InputLimits limits, JsonFactory json, JsonFactory yaml) {
    }

    private static volatile Built cached;

    private JacksonFactories() {
    }

    static JsonFactory forLimits(InputLimits limits, boolean yaml) {
        Built b = cached;
        if (b == null || !b.limits().equals(limits)) {
            b = build(limits);
            cached = b;
        }
        return yaml ? b.yaml() : b.json();
    }

    private static Built build(InputLimits limits) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth() + 1)
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxStringLength())
                .maxNumberLength(limits.maxNumberDigits())
                .maxDocumentLength(limits.maxFileBytes())
                .build();
        LoaderOptions yamlOptions = new LoaderOptions();
        yamlOptions.setCodePointLimit((int) Math.min(limits.maxFileBytes(), Integer.MAX_VALUE));
        yamlOptions.setNestingDepthLimit(limits.maxNestingDepth() + 2);
        yamlOptions.setMaxAliasesForCollections(0); // aliases are refused anyway; never expand one
        yamlOptions.setAllowRecursiveKeys(false);
        JsonFactory json = JsonFactory.builder().streamReadConstraints(constraints).build();
        JsonFactory yaml = YAMLFactory.builder().loaderOptions(yamlOptions).streamReadConstraints(constraints).build();
        return new Built(limits, json, yaml);
    }

    /**
     * IdLE's wording of a limit Jackson or SnakeYAML enforced ({@code String value length (...) exceeds the maximum
     * allowed}), or null when {@code e} is not about a limit.
     */
    static String limitProblem(Exception e, InputLimits limits) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        boolean constraint = e instanceof StreamConstraintsException;
        if (m.contains("nesting depth")) {
            return InputRules.tooDeep(limits.maxNestingDepth());
        }
        if (constraint && m.contains("name length")) {
            return InputRules.stringTooLong(true, limits.maxStringLength());
        }
        if (constraint && m.contains("string value length")) {
            return InputRules.stringTooLong(false, limits.maxStringLength());
        }
        if (constraint && m.contains("number value length")) {
            return "number literal longer than " + limits.maxNumberDigits() + " characters (limit maxNumberDigits)";
        }
        if ((constraint && m.contains("document length")) || m.contains("exceeds the limit")) {
            return InputRules.fileTooLarge(" is", limits.maxFileBytes());
        }
        if (constraint) {
            return "input exceeds a limit: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        }
        return null;
    }
}
