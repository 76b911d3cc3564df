package dev.idle.internal.load;

import static dev.idle.fuzz.CleanInputErrors.valueOrCleanError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.fuzz.DataTrees;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever text reaches the {@code .psd1}, YAML and JSON loaders — a well-formed document, one mutated or truncated,
 * random text, deep nesting, odd numbers, lone surrogates, long strings — loading ends in a data tree or in a clean
 * {@link dev.idle.api.IdleInputException} naming the file, never in another exception or an Error.
 */
class DataFileLoaderProperties {

    private static Object load(String text, String fileName) {
        return valueOrCleanError(fileName, () -> DataFileLoader.loadString(text, fileName));
    }

    @Provide
    Arbitrary<String> psd1Texts() {
        return Arbitraries.oneOf(DataTrees.maps(4).map(DataTrees::psd1).flatMap(DataTrees::mutations),
                DataTrees.randomTexts());
    }

    @Provide
    Arbitrary<String> yamlTexts() {
        return Arbitraries.oneOf(DataTrees.maps(4).map(DataTrees::yaml).flatMap(DataTrees::mutations),
                DataTrees.maps(4).map(DataTrees::json).flatMap(DataTrees::mutations), DataTrees.randomTexts());
    }

    @Provide
    Arbitrary<String> jsonTexts() {
        return Arbitraries.oneOf(DataTrees.maps(4).map(DataTrees::json).flatMap(DataTrees::mutations),
                DataTrees.randomTexts());
    }

    @Property
    void anyPsd1TextEndsInDataOrACleanInputError(@ForAll("psd1Texts") String text) {
        load(text, "fuzz.psd1");
    }

    @Property
    void anyYamlTextEndsInDataOrACleanInputError(@ForAll("yamlTexts") String text) {
        load(text, "fuzz.yaml");
    }

    @Property
    void anyJsonTextEndsInDataOrACleanInputError(@ForAll("jsonTexts") String text) {
        load(text, "fuzz.json");
    }

    @Property
    void aWellFormedDocumentLoadsTheSameInEveryFormat(@ForAll("wellFormedTrees") dev.idle.api.data.DataMap tree) {
        Object fromJson = load(DataTrees.json(tree), "same.json");
        Object fromYaml = load(DataTrees.yaml(tree), "same.yaml");
        Object fromPsd1 = load(DataTrees.psd1(tree), "same.psd1");
        assertThat(fromYaml).isEqualTo(fromJson);
        assertThat(fromPsd1).isEqualTo(fromJson);
    }

    @Provide
    Arbitrary<dev.idle.api.data.DataMap> wellFormedTrees() {
        return DataTrees.plainMaps(3);
    }

    @Property
    void deepNestingEndsInDataOrACleanInputError(@ForAll("syntaxes") String syntax,
                                                 @ForAll("openers") String opener,
                                                 @ForAll @IntRange(min = 1, max = 20_000) int depth,
                                                 @ForAll boolean closed) {
        if (!syntax.equals("psd1") && opener.equals("subexpression")) {
            opener = "list";
        }
        String file = "deep." + syntax;
        load(DataTrees.nested(syntax, opener, depth, closed), file);
    }

    @Provide
    Arbitrary<String> syntaxes() {
        return Arbitraries.of("psd1", "yaml", "json");
    }

    @Provide
    Arbitrary<String> openers() {
        return Arbitraries.of("map", "list", "subexpression");
    }

    @Property
    void anyNumberLiteralEndsInAFiniteNumberOrACleanInputError(@ForAll("syntaxes") String syntax,
                                                              @ForAll("literals") String literal) {
        String text = switch (syntax) {
            case "psd1" -> "@{ n = " + literal + " }";
            case "yaml" -> "n: " + literal + "\n";
            default -> "{\"n\": " + literal + "}";
        };
        Object tree = load(text, "number." + syntax);
        if (tree instanceof java.util.Map<?, ?> m && m.get("n") instanceof Number n) {
            assertThat(n.doubleValue()).as("value of %s", literal).isFinite();
            if (n instanceof Long || n instanceof java.math.BigInteger) {
                assertThat(new java.math.BigInteger(n.toString()).abs())
                        .as("integer %s within ±2^53 (I-JSON)", literal)
                        .isLessThanOrEqualTo(java.math.BigInteger.TWO.pow(53));
            }
        }
    }

    @Provide
    Arbitrary<String> literals() {
        return Arbitraries.oneOf(DataTrees.numberLiterals("psd1"), DataTrees.numberLiterals("json"));
    }

    @Property
    void loneSurrogatesAreRefusedAtLoad(@ForAll("syntaxes") String syntax,
                                        @ForAll("loneSurrogateTexts") String value) {
        String text = switch (syntax) {
            case "psd1" -> "@{ s = '" + value.replace("'", "''") + "' }";
            case "yaml" -> "s: \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
            default -> DataTrees.json(java.util.Map.of("s", value));
        };
        Object tree = load(text, "surrogate." + syntax);
        assertThat(tree).as("a lone surrogate must be refused with its position").isNull();
    }

    /** Text with at least one surrogate that has no partner. */
    @Provide
    Arbitrary<String> loneSurrogateTexts() {
        Arbitrary<String> around = Arbitraries.strings().alpha().ofMaxLength(20);
        Arbitrary<Character> lone = Arbitraries.chars().range('\uD800', '\uDFFF');
        return around.flatMap(a -> lone.flatMap(c -> around.map(b -> a + c + b)))
                .filter(DataFileLoaderProperties::hasLoneSurrogate);
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))) {
                return true;
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return false;
    }

    @Property(tries = 20)
    void longStringsEndInDataOrACleanInputError(@ForAll("syntaxes") String syntax,
                                                @ForAll @IntRange(min = 60_000, max = 2_000_000) int length) {
        String value = "x".repeat(length);
        String text = switch (syntax) {
            case "psd1" -> "@{ s = '" + value + "' }";
            case "yaml" -> "s: " + value + "\n";
            default -> "{\"s\": \"" + value + "\"}";
        };
        load(text, "long." + syntax);
    }
}
