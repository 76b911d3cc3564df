package dev.idle.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two-pointer matcher agrees with a regular-expression reading of the same pattern on every small input, so
 * replacing the former table walk kept {@code -like}'s meaning.
 */
class WildcardReferenceTest {
    /** Pattern pieces with their regular-expression meaning. */
    private static final String[][] PIECES = {
            {"a", "a"}, {"B", "b"}, {"*", ".*"}, {"?", "."}, {"[ab]", "[ab]"}, {"[a-b]", "[a-b]"}, {"`*", "\\*"}};
    private static final String TEXT_CHARS = "aAb*";

    @Test
    void matcherAgreesWithARegexReferenceOnEveryPatternOfUpToFourPieces() {
        List<String> texts = texts(5);
        int compared = 0;
        for (int[] choice : choices(4)) {
            StringBuilder wildcard = new StringBuilder();
            StringBuilder regex = new StringBuilder();
            for (int c : choice) {
                wildcard.append(PIECES[c][0]);
                regex.append(PIECES[c][1]);
            }
            Pattern reference = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
            for (String text : texts) {
                assertThat(Wildcard.matches(text, wildcard.toString()))
                        .as("'%s' -like '%s'", text, wildcard)
                        .isEqualTo(reference.matcher(text).matches());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100_000);
    }

    private static List<int[]> choices(int maxPieces) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[0]);
        List<int[]> frontier = List.of(new int[0]);
        for (int len = 1; len <= maxPieces; len++) {
            List<int[]> next = new ArrayList<>();
            for (int[] prefix : frontier) {
                for (int p = 0; p < PIECES.length; p++) {
                    int[] longer = java.util.Arrays.copyOf(prefix, len);
                    longer[len - 1] = p;
                    next.add(longer);
                }
            }
            out.addAll(next);
            frontier = next;
        }
        return out;
    }

    private static List<String> texts(int maxLength) {
        List<String> out = new ArrayList<>(List.of(""));
        List<String> frontier = List.of("");
        for (int len = 1; len <= maxLength; len++) {
            List<String> next = new ArrayList<>();
            for (String prefix : frontier) {
                for (char c : TEXT_CHARS.toCharArray()) {
                    next.add(prefix + c);
                }
            }
            out.addAll(next);
            frontier = next;
        }
        return out;
    }
}
