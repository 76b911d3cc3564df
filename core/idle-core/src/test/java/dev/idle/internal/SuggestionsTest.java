package dev.idle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> OPERATORS = List.of("Equals", "NotEquals", "Exists", "In", "Like", "NotLike");

    @Test
    void aTypoSuggestsTheClosestName() {
        assertThat(Suggestions.closest("equalz", OPERATORS)).isEqualTo("Equals");
        assertThat(Suggestions.closest("NotLik", OPERATORS)).isEqualTo("NotLike");
    }

    @Test
    void aNameFarFromEveryKnownOneSuggestsNothing() {
        assertThat(Suggestions.closest("Foo", OPERATORS)).isNull();
        assertThat(Suggestions.didYouMean("Whatever", OPERATORS)).isEmpty();
    }

    @Test
    void aHugeNameIsNotCompared() {
        assertThat(Suggestions.closest("E".repeat(1_000_000), OPERATORS)).isNull();
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
