package dev.idle.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.IdleInputException;
import dev.idle.api.data.DataMap;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Psd1ParserTest {

    private static Object parse(String text) {
        return Psd1Parser.parse(text, "wf.psd1");
    }

    private static DataMap parseMap(String text) {
        return (DataMap) parse(text);
    }

    /** The value of {@code X} in {@code @{ X = <value> }}. */
    private static Object value(String valueText) {
        return parseMap("@{ X = " + valueText + " }").get("X");
    }

    private static IdleInputException failure(String text) {
        try {
            parse(text);
        } catch (IdleInputException e) {
            return e;
        }
        throw new AssertionError("expected the text to be rejected: " + text);
    }

    // --- structure ---------------------------------------------------------------------------------------------

    @Test
    void hashtableBecomesDataMapWithKeyOrderPreserved() {
        DataMap map = parseMap("""
                @{
                  Zeta = 'z'
                  Alpha = 'a'
                  Mid = 'm'
                }
                """);
        assertThat(map.keySet()).containsExactly("Zeta", "Alpha", "Mid");
    }

    @Test
    void keyLookupIsCaseInsensitiveAndKeepsFirstSpelling() {
        DataMap map = parseMap("@{ LifecycleEvent = 'Joiner' }");
        assertThat(map.get("lifecycleevent")).isEqualTo("Joiner");
        assertThat(map.get("LIFECYCLEEVENT")).isEqualTo("Joiner");
        assertThat(map.originalKey("lifecycleEvent")).isEqualTo("LifecycleEvent");
    }

    @Test
    void keysMayBeBareWordsWithDotsDashesDigitsOrQuotedStrings() {
        DataMap map = parseMap("@{ IdLE.Step-X_1 = 1; 'with space' = 2; \"dq key\" = 3; 42 = 4 }");
        assertThat(map.keySet()).containsExactly("IdLE.Step-X_1", "with space", "dq key", "42");
    }

    @Test
    void semicolonsAndLineBreaksBothSeparateEntries() {
        DataMap map = parseMap("""
                @{ A = 1; B = 2
                   C = 3;
                   D = 4; }
                """);
        assertThat(map).containsOnlyKeys("A", "B", "C", "D");
    }

    @Test
    void emptyHashtableAndEmptyArray() {
        DataMap map = parseMap("@{ Map = @{}; List = @() ; Spaced = @{ } ; SpacedList = @(\n) }");
        assertThat(map.get("Map")).isEqualTo(new DataMap());
        assertThat(map.get("List")).isEqualTo(List.of());
        assertThat(map.get("Spaced")).isEqualTo(new DataMap());
        assertThat(map.get("SpacedList")).isEqualTo(List.of());
    }

    @Test
    void arrayElementsMaySeparateByCommasLineBreaksOrSemicolons() {
        assertThat(value("@('a', 'b', 'c')")).isEqualTo(List.of("a", "b", "c"));
        assertThat(value("@(\n 'a'\n 'b'\n\n 'c'\n)")).isEqualTo(List.of("a", "b", "c"));
        assertThat(value("@('a'; 'b')")).isEqualTo(List.of("a", "b"));
        assertThat(value("@('a',\n 'b')")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void arrayIsArrayList() {
        assertThat(value("@(1)")).isInstanceOf(java.util.ArrayList.class);
        assertThat(value("'a', 'b'")).isInstanceOf(java.util.ArrayList.class);
    }

    @Test
    void commaListAsValueIsAnArray() {
        assertThat(value("'a', 'b'")).isEqualTo(List.of("a", "b"));
        assertThat(value("1,\n 2")).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void nestedArraysAndMaps() {
        DataMap map = parseMap("""
                @{
                  Steps = @(
                    @{ Name = 'one'; With = @{ Groups = @('g1', 'g2'); Deep = @{ Level = 3 } } }
                    @{ Name = 'two'; With = @{} },
                    @{ Name = 'three' }
                  )
                  Matrix = @(@(1, 2), @(3, 4))
                }
                """);
        List<?> steps = (List<?>) map.get("Steps");
        assertThat(steps).hasSize(3);
        DataMap first = (DataMap) steps.get(0);
        DataMap with = first.getMap("With");
        assertThat(with.get("Groups")).isEqualTo(List.of("g1", "g2"));
        assertThat(with.getMap("Deep").get("level")).isEqualTo(3L);
        assertThat(((DataMap) steps.get(2)).get("Name")).isEqualTo("three");
        assertThat(map.get("Matrix")).isEqualTo(List.of(List.of(1L, 2L), List.of(3L, 4L)));
    }

    @Test
    void arrayStatementYieldingAnArrayContributesItsElementsAsInPowerShell() {
        assertThat(value("@(@('a', 'b'))")).isEqualTo(List.of("a", "b"));
        assertThat(value("@(@('a', 'b')\n 'c')")).isEqualTo(List.of("a", "b", "c"));
        assertThat(value("@(,@('a', 'b'))")).isEqualTo(List.of(List.of("a", "b")));
        assertThat(value("@(@())")).isEqualTo(List.of());
    }

    @Test
    void unaryCommaMakesAOneElementArray() {
        assertThat(value(",'a'")).isEqualTo(List.of("a"));
    }

    @Test
    void singleElementArrayStaysAList() {
        assertThat(value("@(@{ Name = 'x' })")).isEqualTo(List.of(DataMap.of("Name", "x")));
    }

    @Test
    void topLevelValueNeedNotBeAHashtable() {
        assertThat(parse("@('a', 'b')")).isEqualTo(List.of("a", "b"));
        assertThat(parse("'just a string'")).isEqualTo("just a string");
    }

    // --- scalars -----------------------------------------------------------------------------------------------

    @Test
    void integersAreLongsIncludingNegativeAndHex() {
        assertThat(value("42")).isEqualTo(42L);
        assertThat(value("-7")).isEqualTo(-7L);
        assertThat(value("+7")).isEqualTo(7L);
        assertThat(value("0x1F")).isEqualTo(31L);
        assertThat(value("-0x10")).isEqualTo(-16L);
        assertThat(value("9007199254740991")).isEqualTo(9007199254740991L); // I-JSON's largest (issue 13)
    }

    @Test
    void fractionsAndExponentsAreDoubles() {
        assertThat(value("1.5")).isEqualTo(1.5d);
        assertThat(value("2.0")).isEqualTo(2.0d);
        assertThat(value("1e3")).isEqualTo(1000.0d);
        assertThat(value("-2.5e-1")).isEqualTo(-0.25d);
        assertThat(value(".5")).isEqualTo(0.5d);
    }

    @Test
    void numberSuffixesFollowPowerShell() {
        assertThat(value("1kb")).isEqualTo(1024L);
        assertThat(value("2MB")).isEqualTo(2L * 1024 * 1024);
        assertThat(value("5l")).isEqualTo(5L);
        assertThat(value("1.50d")).isEqualTo(new BigDecimal("1.50"));
        // beyond 2^53 - 1 an integer is refused (issue 13), where PowerShell would make it a decimal
    }

    @Test
    void invalidNumberIsRejectedWithPosition() {
        assertThat(failure("@{ X = 12abc }")).hasMessage("wf.psd1:1:8: invalid number '12abc'");
    }

    @Test
    void trueFalseNullInAnyCase() {
        DataMap map = parseMap("@{ A = $true; B = $FALSE; C = $Null; D = $TRUE; E = $false; F = $NULL }");
        assertThat(map.get("A")).isEqualTo(true);
        assertThat(map.get("B")).isEqualTo(false);
        assertThat(map.containsKey("C")).isTrue();
        assertThat(map.get("C")).isNull();
        assertThat(map.get("D")).isEqualTo(true);
        assertThat(map.get("E")).isEqualTo(false);
        assertThat(map.get("F")).isNull();
    }

    @Test
    void singleQuotedDoubledQuoteIsOneQuote() {
        assertThat(value("'it''s'")).isEqualTo("it's");
        assertThat(value("''")).isEqualTo("");
        assertThat(value("''''")).isEqualTo("'");
    }

    @Test
    void singleQuotedStringIsLiteral() {
        assertThat(value("'$env:X `n $(Get-Date) \"q\"'")).isEqualTo("$env:X `n $(Get-Date) \"q\"");
    }

    @Test
    void singleQuotedStringMaySpanLines() {
        assertThat(value("'line1\nline2'")).isEqualTo("line1\nline2");
    }

    @Test
    void doubleQuotedBacktickEscapes() {
        assertThat(value("\"a`nb`tc`rd\"")).isEqualTo("a\nb\tc\rd");
        assertThat(value("\"`0`a`b`f`v`e\"")).isEqualTo("\0\u0007\b\f\u000B\u001B");
        assertThat(value("\"q`\"q\"")).isEqualTo("q\"q");
        assertThat(value("\"back``tick\"")).isEqualTo("back`tick");
        assertThat(value("\"`u{263A}\"")).isEqualTo("\u263A");
        assertThat(value("\"`x\"")).isEqualTo("x");
    }

    @Test
    void doubledQuoteInsideDoubleQuotedIsOneQuote() {
        assertThat(value("\"say \"\"hi\"\"\"")).isEqualTo("say \"hi\"");
    }

    @Test
    void backtickDollarIsALiteralDollar() {
        assertThat(value("\"cost `$5 for `$name\"")).isEqualTo("cost $5 for $name");
    }

    @Test
    void loneDollarNotStartingANameIsALiteralDollar() {
        assertThat(value("\"$\"")).isEqualTo("$");
        assertThat(value("\"a $ b\"")).isEqualTo("a $ b");
        assertThat(value("\"(cost $)\"")).isEqualTo("(cost $)");
        assertThat(value("\"$-\"")).isEqualTo("$-");
    }

    @Test
    void doubleQuotedStringRejectsVariableExpansionWithPosition() {
        assertThat(failure("@{\n  X = \"Hello $name!\"\n}"))
                .hasMessage("wf.psd1:2:14: variable expansion in a double-quoted string is not allowed: $name"
                        + " (use single quotes, or `$ for a literal dollar)");
    }

    @Test
    void doubleQuotedStringRejectsScopedAndBracedVariables() {
        assertThat(failure("@{ X = \"$env:USERNAME\" }").getMessage())
                .startsWith("wf.psd1:1:9: ").contains("$env:USERNAME");
        assertThat(failure("@{ X = \"a${my var}b\" }").getMessage())
                .startsWith("wf.psd1:1:10: ").contains("${my var}");
    }

    @Test
    void doubleQuotedStringRejectsSubexpression() {
        assertThat(failure("@{ X = \"now: $(Get-Date) \" }"))
                .hasMessage("wf.psd1:1:14: subexpression $(...) in a double-quoted string is not allowed"
                        + " (expansion is code)");
    }

    @Test
    void hashInsideStringIsNotAComment() {
        DataMap map = parseMap("@{ A = 'a # b'; B = \"c # d\"; C = 'x <# y #> z' }");
        assertThat(map.get("A")).isEqualTo("a # b");
        assertThat(map.get("B")).isEqualTo("c # d");
        assertThat(map.get("C")).isEqualTo("x <# y #> z");
    }

    // --- here-strings ------------------------------------------------------------------------------------------

    @Test
    void singleQuotedHereStringIsTakenLiterally() {
        DataMap map = parseMap("""
                @{
                  Body = @'
                <p>Hi 'there' "you" $name `n</p>
                  indented
                '@
                  Next = 1
                }
                """);
        assertThat(map.get("Body")).isEqualTo("<p>Hi 'there' \"you\" $name `n</p>\n  indented");
        assertThat(map.get("Next")).isEqualTo(1L);
    }

    @Test
    void doubleQuotedHereStringProcessesEscapesAndKeepsQuotes() {
        String text = "@{ Body = @\"\nsay \"hi\"`t`$x\n\"@ }";
        assertThat(parseMap(text).get("Body")).isEqualTo("say \"hi\"\t$x");
    }

    @Test
    void doubleQuotedHereStringRejectsExpansionWithPosition() {
        assertThat(failure("@{ Body = @\"\nline one\n  hi $user\n\"@ }").getMessage())
                .startsWith("wf.psd1:3:6: variable expansion in a double-quoted string is not allowed: $user");
    }

    @Test
    void emptyHereStrings() {
        assertThat(value("@'\n'@")).isEqualTo("");
        assertThat(value("@\"\n\"@")).isEqualTo("");
        assertThat(value("@'\n\n'@")).isEqualTo("");
    }

    @Test
    void hereStringClosingMarkerMustStartTheLine() {
        assertThat(value("@'\n  '@ is content\n'@")).isEqualTo("  '@ is content");
    }

    @Test
    void hereStringWithCrLfLineBreaks() {
        assertThat(value("@'\r\na\r\nb\r\n'@")).isEqualTo("a\r\nb");
    }

    @Test
    void hereStringOpenerMustEndTheLine() {
        assertThat(failure("@{ X = @' text\n'@ }"))
                .hasMessage("wf.psd1:1:8: here-string opening @' must be followed by a line break");
    }

    @Test
    void unterminatedHereStringPointsToItsOpening() {
        assertThat(failure("@{\n  X = @'\nnever closed\n  '@\n}"))
                .hasMessage("wf.psd1:2:7: unterminated here-string: missing '@ at the start of a line to close @'");
    }

    // --- comments ----------------------------------------------------------------------------------------------

    @Test
    void lineAndBlockCommentsAreIgnored() {
        DataMap map = parseMap("""
                # leading comment
                @{
                  A = 1 # trailing comment
                  <# block #> B = 2
                  C = <# inline #> 3
                  <#
                    spanning
                    D = 'not a key'
                  #>
                }
                <# after the data #>
                # and more
                """);
        assertThat(map).containsOnlyKeys("A", "B", "C");
        assertThat(map.get("C")).isEqualTo(3L);
    }

    @Test
    void unterminatedBlockCommentPointsToItsStart() {
        assertThat(failure("@{ A = 1\n  <# open\n}"))
                .hasMessage("wf.psd1:2:3: unterminated comment: missing '#>' to close '<#'");
    }

    @Test
    void backtickAtLineEndContinuesTheLine() {
        assertThat(value("`\n 'continued'")).isEqualTo("continued");
    }

    // --- rejected code -----------------------------------------------------------------------------------------

    @Test
    void scriptBlockIsRejectedWithLineAndColumn() {
        assertThat(failure("@{\n  Name = 'x'\n  Run  = { Get-Process | Stop-Process }\n}"))
                .hasMessage("wf.psd1:3:10: script blocks are not allowed (data only)");
    }

    @Test
    void subexpressionIsRejected() {
        assertThat(failure("@{ When = $(Get-Date) }"))
                .hasMessage("wf.psd1:1:11: subexpressions $(...) are not allowed (data only)");
    }

    @Test
    void environmentVariableIsRejected() {
        assertThat(failure("@{ User = $env:X }")).hasMessage("wf.psd1:1:11: variables are not allowed: $env:X");
    }

    @Test
    void anyOtherVariableIsRejected() {
        assertThat(failure("@{ A = $foo }")).hasMessage("wf.psd1:1:8: variables are not allowed: $foo");
        assertThat(failure("@{ A = ${weird name} }")).hasMessage("wf.psd1:1:8: variables are not allowed: ${weird name}");
    }

    @Test
    void commandInValuePositionIsRejected() {
        assertThat(failure("@{ When = Get-Date -Format o }"))
                .hasMessage("wf.psd1:1:11: commands are not allowed (data only): Get-Date");
    }

    @Test
    void typeCastIsRejected() {
        assertThat(failure("@{ When = [datetime]'2024-01-01' }"))
                .hasMessage("wf.psd1:1:11: type casts are not allowed (data only)");
    }

    @Test
    void parenthesizedExpressionIsRejected() {
        assertThat(failure("@{ X = (1 + 2) }"))
                .hasMessage("wf.psd1:1:8: parenthesized expressions are not allowed (data only)");
    }

    @Test
    void operatorAfterAValueIsRejected() {
        assertThat(failure("@{ X = 'a' + 'b' }").getMessage()).startsWith("wf.psd1:1:12: unexpected '+'");
        assertThat(failure("@{ X = 'a' -join 'b' }").getMessage()).startsWith("wf.psd1:1:12: unexpected '-join'");
    }

    @Test
    void variableAsKeyIsRejected() {
        assertThat(failure("@{ $k = 1 }").getMessage())
                .isEqualTo("wf.psd1:1:4: keys must be bare words or quoted strings, not '$k'");
    }

    @Test
    void duplicateKeyIsRejectedCaseInsensitively() {
        assertThat(failure("@{\n  Name = 'a'\n\n  name = 'b'\n}"))
                .hasMessage("wf.psd1:4:3: duplicate key 'name' (first at line 2)");
    }

    @Test
    void sameKeyInDifferentHashtablesIsFine() {
        assertThat(parseMap("@{ A = @{ Name = 1 }; B = @{ Name = 2 } }")).containsOnlyKeys("A", "B");
    }

    // --- structural errors -------------------------------------------------------------------------------------

    @Test
    void unterminatedStringPointsToTheOpeningQuote() {
        assertThat(failure("@{\n  A = 'ok'\n  B = 'never closed\n}\n"))
                .hasMessage("wf.psd1:3:7: unterminated string: missing closing \"'\"");
        assertThat(failure("@{ A = \"open `\" }"))
                .hasMessage("wf.psd1:1:8: unterminated string: missing closing '\"'");
    }

    @Test
    void unterminatedHashtablePointsToItsOpening() {
        assertThat(failure("@{\n  A = @{\n    B = 1\n"))
                .hasMessage("wf.psd1:2:7: missing '}' to close the hashtable '@{' opened here");
    }

    @Test
    void unterminatedArrayPointsToItsOpening() {
        assertThat(failure("@{ A = @(1,\n 2\n"))
                .hasMessage("wf.psd1:1:8: missing ')' to close the array '@(' opened here");
    }

    @Test
    void unterminatedScriptBlockPointsToItsOpening() {
        assertThat(failure("@{ A = { never closed\n").problems())
                .containsExactly("wf.psd1:1:8: script blocks are not allowed (data only)",
                        "wf.psd1:1:8: missing '}' to close '{'");
    }

    @Test
    void trailingCommaIsRejected() {
        assertThat(failure("@{ A = @('a', 'b',) }"))
                .hasMessage("wf.psd1:1:18: trailing comma: a value must follow ','");
        assertThat(failure("@{\n  A = 'a', 'b',\n}"))
                .hasMessage("wf.psd1:2:15: trailing comma: a value must follow ','");
    }

    @Test
    void missingEqualsIsRejected() {
        assertThat(failure("@{ Name 'x' }")).hasMessage("wf.psd1:1:9: missing '=' after key 'Name', found string");
    }

    @Test
    void missingValueIsRejected() {
        assertThat(failure("@{ Name = }")).hasMessage("wf.psd1:1:9: missing value after '=' for key 'Name'");
    }

    @Test
    void entriesOnOneLineNeedASeparator() {
        assertThat(failure("@{ A = 1 B = 2 }").getMessage())
                .startsWith("wf.psd1:1:10: unexpected 'B' after the value of 'A'");
    }

    @Test
    void mismatchedCloserIsRejected() {
        assertThat(failure("@{ A = @(1, 2} }").getMessage()).startsWith("wf.psd1:1:14: unexpected '}' in an array");
    }

    @Test
    void secondTopLevelValueIsRejected() {
        assertThat(failure("@{ A = 1 }\n@{ B = 2 }").getMessage())
                .isEqualTo("wf.psd1:2:1: unexpected '@{' after the data (a file holds one value)");
    }

    @Test
    void emptyFileIsRejected() {
        assertThat(failure("# only a comment\n")).hasMessage("wf.psd1:2:1: no data: expected a hashtable @{ ... }");
    }

    @Test
    void columnsCountFromOneAndTabsAsOneCharacter() {
        assertThat(failure("@{\n\tA = $x\n}")).hasMessage("wf.psd1:2:6: variables are not allowed: $x");
    }

    @Test
    void positionsAfterCrLfLineBreaksAreCorrect() {
        assertThat(failure("@{\r\n  A = 1\r\n  B = $x\r\n}")).hasMessage("wf.psd1:3:7: variables are not allowed: $x");
    }

    // --- several problems at once ------------------------------------------------------------------------------

    @Test
    void multipleErrorsAreReportedTogether() {
        IdleInputException e = failure("""
                @{
                  Name = 'x'
                  Run = { Do-Something }
                  User = $env:USERNAME
                  Greeting = "Hi $name"
                  name = 'dup'
                  List = @(1, $foo, 3)
                }
                """);
        assertThat(e.problems()).containsExactly(
                "wf.psd1:3:9: script blocks are not allowed (data only)",
                "wf.psd1:4:10: variables are not allowed: $env:USERNAME",
                "wf.psd1:5:18: variable expansion in a double-quoted string is not allowed: $name"
                        + " (use single quotes, or `$ for a literal dollar)",
                "wf.psd1:6:3: duplicate key 'name' (first at line 2)",
                "wf.psd1:7:15: variables are not allowed: $foo");
        assertThat(e.getMessage()).startsWith("wf.psd1: 5 problems\n- wf.psd1:3:9: script blocks");
    }

    @Test
    void problemsBeforeAFatalErrorAreKept() {
        IdleInputException e = failure("@{\n  A = $x\n  B = 'open\n}");
        assertThat(e.problems()).containsExactly(
                "wf.psd1:2:7: variables are not allowed: $x",
                "wf.psd1:3:7: unterminated string: missing closing \"'\"");
    }

    @Test
    void stringsInsideARejectedScriptBlockAddNoNoise() {
        IdleInputException e = failure("@{ A = { \"$x\"; @{ y = 1 } } }");
        assertThat(e.problems()).containsExactly("wf.psd1:1:8: script blocks are not allowed (data only)");
    }

    @Test
    void singleProblemHasNoHeading() {
        IdleInputException e = failure("@{ A = $x }");
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).isEqualTo(e.problems().get(0));
    }

    @Test
    void nullValuesInArraysArePreserved() {
        assertThat(value("@($null, 1)")).isEqualTo(Arrays.asList(null, 1L));
    }
}
