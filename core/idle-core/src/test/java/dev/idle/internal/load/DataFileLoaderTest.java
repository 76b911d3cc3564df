package dev.idle.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.IdleInputException;
import dev.idle.api.data.DataMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFileLoaderTest {

    private static final String PSD1 = """
            @{
                Name           = 'Joiner - Demo'
                LifecycleEvent = 'Joiner'
                Steps          = @(
                    @{
                        Name = 'Emit'
                        Type = 'IdLE.Step.EmitEvent'
                        With = @{ Message = 'hello'; Count = 3; Ratio = 0.5; Wait = $true; Manager = $null }
                    }
                    @{
                        Name = 'Groups'
                        Type = 'IdLE.Step.EnsureEntitlement'
                        With = @{ Ids = @('g1', 'g2'); Empty = @(); Nested = @{} }
                    }
                )
            }
            """;

    private static final String YAML = """
            Name: Joiner - Demo
            LifecycleEvent: Joiner
            Steps:
              - Name: Emit
                Type: IdLE.Step.EmitEvent
                With: { Message: hello, Count: 3, Ratio: 0.5, Wait: true, Manager: null }
              - Name: Groups
                Type: IdLE.Step.EnsureEntitlement
                With:
                  Ids: [g1, g2]
                  Empty: []
                  Nested: {}
            """;

    private static final String JSON = """
            {
              "Name": "Joiner - Demo",
              "LifecycleEvent": "Joiner",
              "Steps": [
                { "Name": "Emit", "Type": "IdLE.Step.EmitEvent",
                  "With": { "Message": "hello", "Count": 3, "Ratio": 0.5, "Wait": true, "Manager": null } },
                { "Name": "Groups", "Type": "IdLE.Step.EnsureEntitlement",
                  "With": { "Ids": ["g1", "g2"], "Empty": [], "Nested": {} } }
              ]
            }
            """;

    @Test
    void sameWorkflowInThreeFormatsLoadsEqual() {
        Object psd1 = DataFileLoader.loadString(PSD1, "wf.psd1");
        Object yaml = DataFileLoader.loadString(YAML, "wf.yaml");
        Object json = DataFileLoader.loadString(JSON, "wf.json");
        assertThat(yaml).isEqualTo(psd1);
        assertThat(json).isEqualTo(psd1);
        DataMap with = ((DataMap) ((List<?>) ((DataMap) json).get("steps")).get(0)).getMap("with");
        assertThat(with.get("Count")).isInstanceOf(Long.class);
        assertThat(with.get("Ratio")).isInstanceOf(Double.class);
        assertThat(with.get("Wait")).isEqualTo(Boolean.TRUE);
        assertThat(with.containsKey("manager")).isTrue();
    }

    @Test
    void jsonAndYamlMapsAreCaseInsensitiveDataMapsInKeyOrder() {
        DataMap json = (DataMap) DataFileLoader.loadString("{\"b\": 1, \"A\": 2}", "r.json");
        assertThat(json.keySet()).containsExactly("b", "A");
        assertThat(json.get("a")).isEqualTo(2L);
        DataMap yaml = (DataMap) DataFileLoader.loadString("z: 1\nLifecycleEvent: Joiner\n", "r.yml");
        assertThat(yaml.keySet()).containsExactly("z", "LifecycleEvent");
        assertThat(yaml.get("lifecycleevent")).isEqualTo("Joiner");
    }

    @Test
    void listsAreArrayListsAndNullsArePreserved() {
        Object list = ((DataMap) DataFileLoader.loadString("{\"x\": [1, null, \"s\"]}", "a.json")).get("x");
        assertThat(list).isInstanceOf(java.util.ArrayList.class).isEqualTo(Arrays.asList(1L, null, "s"));
    }

    @Test
    void hugeIntegersAreRefusedAsOutsideIJson() { // issue 13: they used to become BigInteger
        assertThatThrownBy(() -> DataFileLoader.loadString("{\"big\": 123456789012345678901234567890}", "a.json"))
                .isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith("a.json:1:9: integer 123456789012345678901234... is outside ±9007199254740991");
        assertThatThrownBy(() -> DataFileLoader.loadString("big: 123456789012345678901234567890\n", "a.yaml"))
                .isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith("a.yaml:1:6: integer 123456789012345678901234... is outside");
    }

    @Test
    void floatingNumbersAreDoubles() {
        DataMap map = (DataMap) DataFileLoader.loadString("{\"a\": 1.5, \"b\": 1e3}", "a.json");
        assertThat(map.get("a")).isEqualTo(1.5d);
        assertThat(map.get("b")).isEqualTo(1000.0d);
    }

    @Test
    void extensionIsCaseInsensitive() {
        assertThat(DataFileLoader.loadString("@{ A = 1 }", "WF.PSD1")).isEqualTo(DataMap.of("A", 1L));
        assertThat(DataFileLoader.loadString("A: 1", "wf.YML")).isEqualTo(DataMap.of("A", 1L));
        assertThat(DataFileLoader.loadString("{\"A\": 1}", "wf.Json")).isEqualTo(DataMap.of("A", 1L));
    }

    @Test
    void unknownExtensionListsTheSupportedOnes() {
        assertThatThrownBy(() -> DataFileLoader.loadString("x", "wf.txt"))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("wf.txt: unsupported file type (supported: .psd1, .yaml, .yml, .json)");
    }

    @Test
    void yamlSyntaxErrorHasLineAndColumn() {
        assertThatThrownBy(() -> DataFileLoader.loadString("Name: x\nSteps:\n  - a: 1\n   b: [\n", "wf.yaml"))
                .isInstanceOf(IdleInputException.class)
                .hasMessageMatching("wf\\.yaml:\\d+:\\d+: .+")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Source").doesNotContain("\n"));
    }

    @Test
    void yamlSyntaxErrorPointsAtTheProblem() {
        assertThatThrownBy(() -> DataFileLoader.loadString("a: 1\nb: 'open\n", "wf.yaml"))
                .hasMessageStartingWith("wf.yaml:3:1: ");
    }

    @Test
    void jsonSyntaxErrorHasLineAndColumnWithoutSourceNoise() {
        assertThatThrownBy(() -> DataFileLoader.loadString("{\n  \"a\": 1,\n  }\n", "wf.json"))
                .isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith("wf.json:3:3: Unexpected character ('}'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Source").doesNotContain("\n"));
    }

    @Test
    void jsonDuplicateKeyDifferingOnlyByCaseIsRejectedWithPosition() {
        assertThatThrownBy(() -> DataFileLoader.loadString("{\n  \"Name\": \"a\",\n  \"name\": \"b\"\n}", "r.json"))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("r.json:3:3: duplicate key 'name' (first at line 2)");
    }

    @Test
    void yamlDuplicateKeyIsRejectedWithPosition() {
        assertThatThrownBy(() -> DataFileLoader.loadString("Name: a\nOther: 1\nNAME: b\n", "r.yaml"))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("r.yaml:3:1: duplicate key 'NAME' (first at line 1)");
    }

    @Test
    void severalDuplicatesAreReportedTogether() {
        IdleInputException e = (IdleInputException) org.assertj.core.api.Assertions.catchThrowable(
                () -> DataFileLoader.loadString("{\"a\":1,\"A\":2,\"x\":{\"b\":1,\"B\":2}}", "r.json"));
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).startsWith("r.json: 2 problems");
    }

    @Test
    void yamlAliasIsRejectedRatherThanLoadedAsItsName() {
        assertThatThrownBy(() -> DataFileLoader.loadString("a: &x 1\nb: *x\n", "r.yaml"))
                .hasMessage("r.yaml:2:4: YAML aliases are not supported: *x");
    }

    @Test
    void trailingContentAfterJsonIsRejected() {
        assertThatThrownBy(() -> DataFileLoader.loadString("{\"a\": 1} {\"b\": 2}", "r.json"))
                .hasMessageStartingWith("r.json:1:10: unexpected content after the data");
    }

    @Test
    void emptyJsonOrYamlFileIsRejected() {
        assertThatThrownBy(() -> DataFileLoader.loadString("", "r.json")).hasMessage("r.json: no data: the file is empty");
        assertThatThrownBy(() -> DataFileLoader.loadString("# nothing\n", "r.yaml"))
                .hasMessage("r.yaml: no data: the file is empty");
    }

    @Test
    void loadReadsUtf8AndStripsAByteOrderMark(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("wf.psd1");
        Files.write(file, ("\uFEFF@{ Name = 'Zoë' }").getBytes(StandardCharsets.UTF_8));
        assertThat(DataFileLoader.load(file)).isEqualTo(DataMap.of("Name", "Zoë"));
        Path json = dir.resolve("r.json");
        Files.write(json, ("\uFEFF{\"a\": \"ü\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(DataFileLoader.load(json)).isEqualTo(DataMap.of("a", "ü"));
    }

    @Test
    void loadProblemsNameTheFilePath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.psd1");
        Files.writeString(file, "@{ A = $x }");
        assertThatThrownBy(() -> DataFileLoader.load(file))
                .hasMessage(file + ":1:8: variables are not allowed: $x");
    }

    @Test
    void missingFileIsReportedAsNotFound(@TempDir Path dir) {
        Path missing = dir.resolve("nope.psd1");
        assertThatThrownBy(() -> DataFileLoader.load(missing))
                .isInstanceOf(IdleInputException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void directoryCannotBeRead(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("wf.json"));
        assertThatThrownBy(() -> DataFileLoader.load(folder))
                .isInstanceOf(IdleInputException.class)
                .hasMessage(folder + ": cannot read: is a directory");
    }

    @Test
    void invalidUtf8CannotBeRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("wf.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> DataFileLoader.load(file))
                .hasMessage(file + ":1:4: cannot read: not valid UTF-8 text (byte 0xC3 at offset 3)");
    }
}
