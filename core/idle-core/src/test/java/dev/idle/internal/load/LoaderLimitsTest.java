package dev.idle.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.IdleInputException;
import dev.idle.api.InputLimits;
import dev.idle.api.data.DataMap;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 3 and 4 for the loaders: hostile input ends in a clean error naming the place and the limit. */
class LoaderLimitsTest {

    @AfterEach
    void restoreLimits() {
        InputLimits.overrideDefaults(InputLimits.defaults());
    }

    private static Throwable refusal(String text, String fileName) {
        try {
            DataFileLoader.loadString(text, fileName);
        } catch (IdleInputException e) {
            return e;
        }
        throw new AssertionError(fileName + " was accepted");
    }

    @Test
    void deeplyNestedPsd1IsRefusedNamingTheNestingLimit() {
        String hashes = "@{a=".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThat(refusal(hashes, "wf.psd1"))
                .hasMessage("wf.psd1:1:257: nesting deeper than 64 levels (limit maxNestingDepth)");
        String arrays = "@{a=" + "@(".repeat(100_000) + ")".repeat(100_000) + "}";
        assertThat(refusal(arrays, "wf.psd1")).hasMessage("wf.psd1:1:131: nesting deeper than 64 levels (limit maxNestingDepth)");
        String commas = "@{a=" + ",".repeat(100_000) + "1}";
        assertThat(refusal(commas, "wf.psd1")).hasMessage("wf.psd1:1:68: nesting deeper than 64 levels (limit maxNestingDepth)");
    }

    @Test
    void nestingUpToTheLimitLoads() {
        String sixtyFour = "@{a=".repeat(64) + "1" + "}".repeat(64);
        assertThat(DataFileLoader.loadString(sixtyFour, "wf.psd1")).isInstanceOf(DataMap.class);
        String json = "[".repeat(64) + "]".repeat(64);
        assertThat(DataFileLoader.loadString(json, "r.json")).isNotNull();
    }

    @Test
    void deeplyNestedJsonAndYamlAreRefusedNamingTheNestingLimit() {
        assertThat(refusal("[".repeat(100_000) + "]".repeat(100_000), "r.json"))
                .hasMessage("r.json:1:65: nesting deeper than 64 levels (limit maxNestingDepth)");
        assertThat(refusal("[".repeat(100_000) + "]".repeat(100_000), "r.yaml"))
                .hasMessageStartingWith("r.yaml:1:")
                .hasMessageEndingWith(": nesting deeper than 64 levels (limit maxNestingDepth)");
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            block.append(" ".repeat(i)).append("k:\n");
        }
        block.append(" ".repeat(200)).append("v");
        assertThat(refusal(block.toString(), "r.yaml"))
                .hasMessageEndingWith(": nesting deeper than 64 levels (limit maxNestingDepth)")
                .hasMessageNotContaining(":0:0:");
    }

    @Test
    void hugeExponentInPsd1IsRefusedAtOnce() {
        assertThat(refusal("@{ N = 1e999999999d }", "wf.psd1"))
                .hasMessage("wf.psd1:1:8: number 1e999999999d is not a finite double (I-JSON, RFC 7493)");
        assertThat(refusal("@{ N = 1e999999999 }", "wf.psd1")).hasMessageContaining("is not a finite double");
        assertThat(refusal("@{ N = 1e999999999l }", "wf.psd1")).hasMessageContaining("is not a finite double");
        assertThat(refusal("@{ N = -1e-999999999d }", "wf.psd1")).hasMessageContaining("is not a finite double");
    }

    @Test
    void integerBeyond2To53InPsd1IsRefused() {
        assertThat(refusal("@{ N = 9223372036854775807 }", "wf.psd1"))
                .hasMessage("wf.psd1:1:8: integer 9223372036854775807 is outside ±9007199254740991 (2^53 - 1),"
                        + " the range JSON keeps exact (I-JSON, RFC 7493)");
        assertThat(refusal("@{ N = 0x7FFFFFFFFFFFFFFF }", "wf.psd1")).hasMessageContaining("is outside ±");
        assertThat(refusal("@{ N = -9007199254740992l }", "wf.psd1")).hasMessageContaining("is outside ±");
        assertThat(refusal("@{ N = 8pb }", "wf.psd1")).hasMessageContaining("is outside ±");
    }

    @Test
    void hugeExponentInRequestIsRefusedNotTurnedIntoNull() {
        assertThat(refusal("{\"Intent\": {\"N\": 1e999999999}}", "req.json"))
                .hasMessage("req.json:1:18: number 1e999999999 is not a finite double (I-JSON, RFC 7493)");
        assertThat(refusal("n: .inf\n", "req.yaml")).hasMessage("req.yaml:1:4: number .inf is not a finite double (I-JSON, RFC 7493)");
        assertThat(refusal("{\"N\": 9007199254740993}", "req.json")).hasMessageContaining("is outside ±");
    }

    @Test
    void loneSurrogateInRequestIsRefusedAtLoadWithItsPosition() {
        assertThat(refusal("{\n  \"Name\": \"ab\\ud800\"\n}", "req.json"))
                .hasMessage("req.json:2:11: invalid text: lone UTF-16 surrogate \\ud800 at character 3 of the string"
                        + " (text must be valid Unicode)");
        assertThat(refusal("{\"\\udc00\": 1}", "req.json")).hasMessageContaining("of the key");
        assertThat(refusal("n: \"\\ud800\"\n", "req.yaml")).hasMessageStartingWith("req.yaml:1:");
        assertThat(refusal("@{ N = \"`u{D800}\" }", "wf.psd1"))
                .hasMessage("wf.psd1:1:8: invalid text: lone UTF-16 surrogate \\ud800 at character 1 of the string"
                        + " (text must be valid Unicode)");
        assertThat(DataFileLoader.loadString("{\"ok\": \"\\ud83d\\ude00\"}", "req.json")).isNotNull();
    }

    @Test
    void invalidUtf8IsRefusedWithItsLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("req.json");
        Files.write(file, "{\n  \"a\": \"x\u00e9".getBytes(StandardCharsets.UTF_8));
        Files.write(file, new byte[] {(byte) 0xFF, '"', '}'}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> DataFileLoader.load(file))
                .hasMessage(file + ":2:11: cannot read: not valid UTF-8 text (byte 0xFF at offset 13)");
    }

    @Test
    void oversizedYamlIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.yaml");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(50L * 1024 * 1024); // no data written: reading it would show
        }
        assertThatThrownBy(() -> DataFileLoader.load(file))
                .isInstanceOf(IdleInputException.class)
                .hasMessage(file + ": file of 52428800 bytes is larger than 4194304 bytes (limit maxFileBytes)");
    }

    @Test
    void fileLimitFollowsTheOverriddenLimits(@TempDir Path dir) throws IOException {
        InputLimits.overrideDefaults(InputLimits.defaults().with("maxFileBytes", 10));
        Path file = Files.writeString(dir.resolve("wf.json"), "{\"a\": \"0123456789\"}");
        assertThatThrownBy(() -> DataFileLoader.load(file))
                .hasMessage(file + ": file of 19 bytes is larger than 10 bytes (limit maxFileBytes)");
        assertThatThrownBy(() -> DataFileLoader.loadString("{\"a\": \"0123456789\"}", "wf.json"))
                .hasMessage("wf.json: file of 19 characters is larger than 10 bytes (limit maxFileBytes)");
    }

    @Test
    void longStringsAndKeysAreRefusedNamingTheStringLimit() {
        InputLimits.overrideDefaults(InputLimits.defaults().with("maxStringLength", 8));
        String expected = " longer than 8 characters (limit maxStringLength)";
        assertThat(refusal("{\"a\": \"123456789\"}", "r.json")).hasMessage("r.json:1:7: string" + expected);
        assertThat(refusal("{\"abcdefghi\": 1}", "r.json")).hasMessageStartingWith("r.json:1:").hasMessageEndingWith("key" + expected);
        assertThat(refusal("a: '123456789'\n", "r.yaml")).hasMessage("r.yaml:1:4: string" + expected);
        assertThat(refusal("abcdefghi: 1\n", "r.yaml")).hasMessage("r.yaml:1:1: key" + expected);
        assertThat(refusal("@{ a = '123456789' }", "w.psd1")).hasMessage("w.psd1:1:8: string" + expected);
        assertThat(refusal("@{ abcdefghi = 1 }", "w.psd1")).hasMessage("w.psd1:1:4: key" + expected);
    }

    @Test
    void longNumberLiteralsAreRefusedNamingTheDigitLimit() {
        String digits = "1".repeat(65);
        assertThat(refusal("@{ N = " + digits + " }", "w.psd1"))
                .hasMessage("w.psd1:1:8: number literal 111111111111111111111111... longer than 64 characters"
                        + " (limit maxNumberDigits)");
        assertThat(refusal("{\"N\": " + digits + "}", "r.json"))
                .hasMessageStartingWith("r.json:1:").hasMessageEndingWith("longer than 64 characters (limit maxNumberDigits)");
        assertThat(refusal("N: " + digits + "\n", "r.yaml"))
                .hasMessageStartingWith("r.yaml:1:").hasMessageEndingWith("longer than 64 characters (limit maxNumberDigits)");
    }

    @Test
    void billionLaughsYamlIsRefusedAtItsFirstAlias() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + p))).append("]\n");
        }
        assertThat(refusal(yaml.toString(), "bomb.yaml"))
                .hasMessage("bomb.yaml:2:8: YAML aliases are not supported: *a");
    }

    @Test
    void endlessProblemsAreListedOnlyUpToAHundred() {
        String keys = "{" + String.join(",", java.util.Collections.nCopies(1_000, "\"k\": 1")) + "}";
        Throwable e = refusal(keys, "many.json");
        assertThat(e).hasMessageStartingWith("many.json: 999 problems").hasMessageEndingWith("- ... and 899 more");
    }

    @Test
    void yamlSyntaxErrorsNameWhatWasFoundInWordsNotParserClasses() {
        Throwable t = refusal("{{ }", "fuzz.yaml");
        assertThat(t).hasMessageStartingWith("fuzz.yaml:1:")
                .hasMessageContaining("a mapping start").hasMessageNotContaining("snakeyaml");
    }
}
