package dev.idle.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Secret;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void prettyUsesTwoSpaceIndentAndKeyColonSpaceValue() {
        DataMap v = DataMap.of("a", 1, "b", DataMap.of("c", List.of("x", true)));
        assertThat(JsonText.pretty(v)).isEqualTo("""
                {
                  "a": 1,
                  "b": {
                    "c": [
                      "x",
                      true
                    ]
                  }
                }""");
    }

    @Test
    void emptyContainersStayOnTheKeysLine() {
        assertThat(JsonText.pretty(DataMap.of("l", List.of(), "m", new DataMap())))
                .isEqualTo("{\n  \"l\": [],\n  \"m\": {}\n}");
        assertThat(JsonText.pretty(new DataMap())).isEqualTo("{}");
        assertThat(JsonText.pretty(List.of())).isEqualTo("[]");
    }

    @Test
    void noTrailingNewlineAndLfLineEnds() {
        String s = JsonText.pretty(DataMap.of("a", List.of(1, 2)));
        assertThat(s).doesNotEndWith("\n").doesNotContain("\r").endsWith("}");
    }

    @Test
    void keysAreWrittenInTheMapsOwnOrder() {
        assertThat(JsonText.compact(DataMap.of("z", 1, "a", 2))).isEqualTo("{\"z\":1,\"a\":2}");
    }

    @Test
    void compactHasNoWhitespace() {
        assertThat(JsonText.compact(DataMap.of("a", List.of(1, DataMap.of("b", null)), "c", "d e")))
                .isEqualTo("{\"a\":[1,{\"b\":null}],\"c\":\"d e\"}");
    }

    @Test
    void stringsAreEscapedAndNonAsciiIsKept() {
        assertThat(JsonText.compact("q\" b\\ n\n r\r t\t b\b f\f u\u0001 é€"))
                .isEqualTo("\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f u\\u0001 é€\"");
    }

    @Test
    void keysAreEscapedToo() {
        assertThat(JsonText.compact(DataMap.of("a\"b", 1))).isEqualTo("{\"a\\\"b\":1}");
    }

    @Test
    void doublesHaveAtLeastOneFractionalDigit() {
        assertThat(JsonText.compact(List.of(2.0, 0.25, -1.5, 3.0f))).isEqualTo("[2.0,0.25,-1.5,3.0]");
        assertThat(JsonText.compact(Double.NaN)).isEqualTo("null");
    }

    @Test
    void integersDecimalsAndBooleansAreWrittenAsIs() {
        assertThat(JsonText.compact(List.of(1, 2L, new BigDecimal("1.50"), false)))
                .isEqualTo("[1,2,1.50,false]");
    }

    @Test
    void uuidEnumAndOtherObjectsAreStrings() {
        UUID id = UUID.fromString("11111111-2222-3333-4444-555555555555");
        assertThat(JsonText.compact(List.of(id, java.time.DayOfWeek.MONDAY)))
                .isEqualTo("[\"11111111-2222-3333-4444-555555555555\",\"MONDAY\"]");
    }

    @Test
    void dateTimesAreIso8601WithFractionOnlyWhenNonZero() {
        assertThat(JsonText.compact(LocalDateTime.of(2024, 1, 2, 3, 4, 0))).isEqualTo("\"2024-01-02T03:04:00\"");
        assertThat(JsonText.compact(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000)))
                .isEqualTo("\"2024-01-02T03:04:05.12\"");
        assertThat(JsonText.compact(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("\"2024-01-02T03:04:05Z\"");
        assertThat(JsonText.compact(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("\"2024-01-02T03:04:05+02:00\"");
    }

    @Test
    void secretsSessionsAndExecutableValuesAreMasked() {
        AuthSession session = AuthSession.of("G", "OAuth", null, Secret.of("tok"));
        String s = JsonText.compact(DataMap.of("a", Secret.of("pw"), "b", List.of(session),
                "c", new ExecutableValue("Remove-Item")));
        assertThat(s).isEqualTo("{\"a\":\"[REDACTED]\",\"b\":[\"[REDACTED]\"],\"c\":\"[REDACTED]\"}");
        assertThat(s).doesNotContain("pw\"").doesNotContain("tok").doesNotContain("Remove-Item");
    }

    @Test
    void nullIsWrittenAsNull() {
        ArrayList<Object> l = new ArrayList<>();
        l.add(null);
        assertThat(JsonText.pretty(l)).isEqualTo("[\n  null\n]");
    }

    @Test
    void everyCharacterBelowSpaceIsEscapedAndLongPlainRunsAroundEscapesAreKept() {
        StringBuilder in = new StringBuilder();
        StringBuilder expected = new StringBuilder("\"");
        for (char c = 0; c < 0x80; c++) {
            in.append("plain run ").append(c);
            expected.append("plain run ").append(switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
            });
        }
        expected.append('"');
        assertThat(JsonText.compact(in.toString())).isEqualTo(expected.toString());
        assertThat(JsonText.compact("\u001f")).isEqualTo("\"\\u001f\"");
    }
}
