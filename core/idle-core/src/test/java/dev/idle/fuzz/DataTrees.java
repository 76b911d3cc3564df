package dev.idle.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.idle.api.data.DataMap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of data trees (maps, lists, strings, numbers, booleans, null) as IdLE's loaders build them, and of the
 * texts a user or an attacker might write: the trees rendered as {@code .psd1}, YAML or JSON, mutated or truncated
 * renderings, deep nesting, odd numbers, lone surrogates and long strings. Used by the *Properties classes.
 */
public final class DataTrees {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private DataTrees() {
    }

    /** Keys: mostly identifiers, sometimes any text (spaces, quotes, unicode, surrogates). */
    public static Arbitrary<String> keys() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                        .ofMinLength(1).ofMaxLength(12)),
                Tuple.of(1, texts()));
    }

    /**
     * String values: mostly printable ASCII, some any char (lone surrogates included), a few of some KiB (the long
     * strings near the limit have their own property: they would make every document huge).
     */
    public static Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(
                Tuple.of(16, Arbitraries.strings().ascii().ofMaxLength(20)),
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(10)),
                Tuple.of(2, Arbitraries.strings().withChars("'\"`${}()@;,=#\\\n\r\t").ofMaxLength(10)),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1_000).ofMaxLength(8_000)
                        .edgeCases(c -> c.none())));
    }

    /** Numbers: small and huge integers, doubles including the infinite and the denormal. */
    public static Arbitrary<Object> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast));
    }

    /** Scalars of every kind a tree holds. */
    public static Arbitrary<Object> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, texts().map(Object.class::cast)),
                Tuple.of(2, numbers()),
                Tuple.of(1, Arbitraries.of(true, false).map(Object.class::cast)),
                Tuple.of(1, Arbitraries.just((Object) null)));
    }

    /** A tree of at most {@code depth} levels of maps and lists below a map root. */
    public static Arbitrary<DataMap> maps(int depth) {
        Arbitrary<Object> values = Arbitraries.recursive(DataTrees::scalars,
                inner -> Arbitraries.oneOf(inner.list().ofMaxSize(4).map(Object.class::cast),
                        Arbitraries.maps(keys(), inner).ofMaxSize(4).map(DataTrees::dataMap).map(Object.class::cast)),
                0, Math.max(0, depth - 1));
        return Arbitraries.maps(keys(), values).ofMaxSize(5).map(DataTrees::dataMap);
    }

    /**
     * Trees every format writes alike: printable ASCII text, integers within ±2^53, booleans, null, and no list
     * directly inside a list (the {@code .psd1} {@code @()} flattens that, as PowerShell does).
     */
    public static Arbitrary<DataMap> plainMaps(int depth) {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30).map(Object.class::cast),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just((Object) null));
        Arbitrary<String> keys = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12);
        Arbitrary<Object> values = Arbitraries.recursive(() -> scalars,
                inner -> {
                    Arbitrary<Object> map = Arbitraries.maps(keys, inner).ofMaxSize(4).map(DataTrees::dataMap)
                            .map(Object.class::cast);
                    Arbitrary<Object> list = Arbitraries.oneOf(scalars, map).list().ofMaxSize(4)
                            .map(Object.class::cast);
                    return Arbitraries.oneOf(map, list);
                },
                0, Math.max(0, depth - 1));
        return Arbitraries.maps(keys, values).ofMaxSize(5).map(DataTrees::dataMap);
    }

    private static DataMap dataMap(Map<String, Object> m) {
        DataMap d = new DataMap();
        m.forEach((k, v) -> {
            if (!d.containsKey(k)) {
                d.put(k, v);
            }
        });
        return d;
    }

    /** {@code tree} as JSON text. */
    public static String json(Object tree) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code tree} as block-style YAML text. */
    public static String yaml(Object tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code tree} as {@code .psd1} text (single-quoted strings, {@code @{}} and {@code @()}). */
    public static String psd1(Object tree) {
        StringBuilder sb = new StringBuilder();
        writePsd1(tree, sb, "");
        return sb.toString();
    }

    private static void writePsd1(Object value, StringBuilder sb, String indent) {
        if (value == null) {
            sb.append("$null");
        } else if (value instanceof Boolean b) {
            sb.append(b ? "$true" : "$false");
        } else if (value instanceof Number n) {
            sb.append(n);
        } else if (value instanceof Map<?, ?> m) {
            sb.append("@{\n");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(indent).append("  ").append(psd1Key(String.valueOf(e.getKey()))).append(" = ");
                writePsd1(e.getValue(), sb, indent + "  ");
                sb.append('\n');
            }
            sb.append(indent).append('}');
        } else if (value instanceof List<?> l) {
            sb.append("@(");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                writePsd1(l.get(i), sb, indent + "  ");
            }
            sb.append(')');
        } else {
            sb.append(psd1String(String.valueOf(value)));
        }
    }

    private static String psd1Key(String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? key : psd1String(key);
    }

    private static String psd1String(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Texts derived from a rendering: itself, truncated, or with a few characters replaced, inserted or removed. */
    public static Arbitrary<String> mutations(String text) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, text.length());
        Arbitrary<Character> ch = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.chars().with("{}[]()@$'\":;,=#\\-\n \t0123456789.eE+")),
                Tuple.of(1, Arbitraries.chars().all()));
        return Arbitraries.oneOf(
                Arbitraries.just(text),
                at.map(i -> text.substring(0, i)),
                at.flatMap(i -> ch.map(c -> text.substring(0, i) + c + text.substring(i))),
                at.map(i -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text),
                at.flatMap(i -> at.map(j -> text.substring(0, Math.min(i, j)) + text.substring(Math.max(i, j)))));
    }

    /** Any text at all, short or long, from every char range. */
    public static Arbitrary<String> randomTexts() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("@{}()[]$'\";=,:#-\n 0123456789.e").ofMaxLength(400));
    }

    /**
     * Deep nesting: {@code depth} maps, lists or sub-expressions opened (and, when {@code closed}, closed again).
     *
     * @param syntax {@code psd1}, {@code yaml} or {@code json}
     */
    public static String nested(String syntax, String opener, int depth, boolean closed) {
        StringBuilder sb = new StringBuilder();
        String open = switch (syntax) {
            case "psd1" -> switch (opener) {
                case "map" -> "@{ a = ";
                case "list" -> "@(";
                default -> "(";
            };
            default -> opener.equals("map") ? "{\"a\": " : "[";
        };
        String close = switch (syntax) {
            case "psd1" -> opener.equals("map") ? " }" : ")";
            default -> opener.equals("map") ? "}" : "]";
        };
        String root = syntax.equals("psd1") ? "@{ x = " : "{\"x\": ";
        sb.append(root);
        sb.append(open.repeat(depth)).append(syntax.equals("psd1") ? "1" : "1");
        if (closed) {
            sb.append(close.repeat(depth));
        }
        sb.append(syntax.equals("psd1") ? " }" : "}");
        return sb.toString();
    }

    /** Number literals of a syntax that test magnitude, digits and forms the loaders must refuse or keep exactly. */
    public static Arbitrary<String> numberLiterals(String syntax) {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(2_000);
        Arbitrary<Integer> exponent = Arbitraries.integers().between(-1_000_000_000, 1_000_000_000);
        List<Arbitrary<String>> common = new ArrayList<>(List.of(
                digits,
                digits.map(d -> "-" + d),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                exponent.map(e -> "1e" + e),
                exponent.map(e -> "-9.5E" + e),
                Arbitraries.of("9007199254740993", "-9007199254740993", "9007199254740992", "1.0", "-0", "0.0",
                        "1e308", "1e309", "4.9e-324", "1e-400", "18446744073709551616", "1E400", "0.1e-999999999",
                        "Infinity", "-Infinity", "NaN")));
        if (syntax.equals("psd1")) {
            common.add(exponent.map(e -> "1e" + e + "d"));
            common.add(Arbitraries.of("0x", "0xFFFFFFFFFFFFFFFFFFFF", "0x7FFFFFFFFFFFFFFF", "1kb", "1pb", "1e999999999d",
                    "9223372036854775807mb", "1.5l", "0x1l", "1d", "1ld", "-0x8000000000000000", "1_000"));
            common.add(digits.map(d -> "0x" + d));
            common.add(digits.map(d -> d + "gb"));
        }
        return Arbitraries.oneOf(common);
    }
}
