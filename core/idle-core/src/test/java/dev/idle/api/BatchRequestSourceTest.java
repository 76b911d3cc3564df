package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRequestSourceTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreLimits() {
        InputLimits.overrideDefaults(InputLimits.defaults());
    }

    private static List<RequestSource.Item> all(String text, RequestSource.Format format) {
        try (RequestSource s = RequestSource.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                format == RequestSource.Format.CSV ? "people.csv" : "people.jsonl", format)) {
            List<RequestSource.Item> items = new ArrayList<>();
            RequestSource.Item item;
            while ((item = s.next()) != null) {
                items.add(item);
            }
            return items;
        }
    }

    @Test
    void csvColumnsAreDottedRequestPathsAndEmptyCellsAreAbsent() {
        List<RequestSource.Item> items = all("""
                lifecycleEvent,correlationId,identityKeys.Upn,intent.Department,context.Hr.Manager
                Leaver,c-1,a@example.com,Sales,
                Joiner,,b@example.com,"R&D, Lab",boss
                """, RequestSource.Format.CSV);

        assertThat(items).hasSize(2);
        LifecycleRequest first = items.get(0).request();
        assertThat(items.get(0).line()).isEqualTo(2);
        assertThat(first.lifecycleEvent()).isEqualTo("Leaver");
        assertThat(first.correlationId()).isEqualTo("c-1");
        assertThat(first.identityKeys()).containsEntry("Upn", "a@example.com");
        assertThat(first.intent()).containsEntry("Department", "Sales");
        assertThat(first.context()).doesNotContainKey("Hr");
        LifecycleRequest second = items.get(1).request();
        assertThat(second.intent()).containsEntry("Department", "R&D, Lab");
        assertThat(second.context().getMap("Hr")).containsEntry("Manager", "boss");
        assertThat(second.correlationId()).isNotBlank(); // generated
    }

    @Test
    void aQuotedCsvValueMaySpanLinesAndTheNextRecordKeepsItsPhysicalLine() {
        List<RequestSource.Item> items = all("lifecycleEvent,intent.Note,identityKeys.Id\r\n"
                + "Leaver,\"two\nlines\",a\r\nLeaver,x,b\r\n", RequestSource.Format.CSV);

        assertThat(items).extracting(RequestSource.Item::line).containsExactly(2L, 4L);
        assertThat(items.get(0).request().intent()).containsEntry("Note", "two\nlines");
        assertThat(items.get(1).request().identityKeys()).containsEntry("Id", "b");
    }

    @Test
    void aCsvRowWithTheWrongNumberOfValuesIsInvalidAndTheNextOneIsRead() {
        List<RequestSource.Item> items = all("lifecycleEvent,identityKeys.Id\nLeaver,a,extra\nLeaver,b\n",
                RequestSource.Format.CSV);

        assertThat(items.get(0).error()).isEqualTo("people.csv:2: 3 values for 2 columns");
        assertThat(items.get(1).request().identityKeys()).containsEntry("Id", "b");
    }

    @Test
    void aCsvHeaderThatIsNotRequestPathsIsRefusedWhenOpened() {
        assertThatThrownBy(() -> all("lifecycleEvent,Upn,identityKeys,intent.\n", RequestSource.Format.CSV))
                .isInstanceOf(IdleInputException.class)
                .hasMessageContaining("people.csv:1: column 2 'Upn': not a request path")
                .hasMessageContaining("column 3 'identityKeys': not a request path")
                .hasMessageContaining("column 4 'intent.': a request path has no empty segments");
    }

    @Test
    void jsonLinesProblemsNameTheLineOfTheFile() {
        List<RequestSource.Item> items = all("""
                {"lifecycleEvent":"Leaver","identityKeys":{"Id":"a"}}

                {"lifecycleEvent":"Leaver","identityKeys":{"Id":"a"},"identityKeys":{"Id":"b"}}
                """, RequestSource.Format.JSONL);

        assertThat(items).extracting(RequestSource.Item::line).containsExactly(1L, 3L);
        assertThat(items.get(1).error()).startsWith("people.jsonl:3:").contains("duplicate key");
    }

    @Test
    void theFileSizeLimitAppliesToEachLineNotToTheFile() {
        InputLimits.overrideDefaults(InputLimits.defaults().with("maxFileBytes", 80));
        String good = "{\"lifecycleEvent\":\"Leaver\",\"identityKeys\":{\"Id\":\"a\"}}\n";
        String longLine = "{\"lifecycleEvent\":\"Leaver\",\"identityKeys\":{\"Id\":\"" + "x".repeat(200) + "\"}}\n";
        List<RequestSource.Item> items = all(good.repeat(3) + longLine + good, RequestSource.Format.JSONL);

        assertThat(items).hasSize(5);
        assertThat(items.get(3).error()).isEqualTo("people.jsonl:4: the line is longer than 80 bytes (limit"
                + " maxFileBytes, which applies to each request)");
        assertThat(items.get(4).request()).isNotNull();
        assertThat(items.get(4).line()).isEqualTo(5);
    }

    @Test
    void theFormatFollowsTheExtensionAndAMissingFileIsBadInput() {
        assertThat(RequestSource.Format.ofFileName("a.NDJSON")).isEqualTo(RequestSource.Format.JSONL);
        assertThat(RequestSource.Format.ofFileName("a.csv")).isEqualTo(RequestSource.Format.CSV);
        assertThatThrownBy(() -> RequestSource.Format.ofFileName("a.xml")).isInstanceOf(IdleInputException.class);
        assertThatThrownBy(() -> RequestSource.open(dir.resolve("none.jsonl"), null))
                .isInstanceOf(IdleInputException.class).hasMessageEndingWith("none.jsonl: file not found");
    }

    @Test
    void aRequestsFileIsReadFromDisk() throws Exception {
        Path file = dir.resolve("r.csv");
        Files.writeString(file, "\uFEFFlifecycleEvent,identityKeys.Id\nLeaver,a\n");
        try (RequestSource s = RequestSource.open(file, null)) {
            assertThat(s.next().request().identityKeys()).containsEntry("Id", "a");
            assertThat(s.next()).isNull();
        }
    }
}
