package dev.idle.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WildcardTest {

    @Test
    void likeMatchesTheWholeString() {
        assertThat(Wildcard.matches("jdoe@example.com", "jdoe")).isFalse();
        assertThat(Wildcard.matches("jdoe", "jdoe")).isTrue();
    }

    @Test
    void likeIgnoresCase() {
        assertThat(Wildcard.matches("JDoe@Example.COM", "*@example.com")).isTrue();
    }

    @Test
    void starMatchesAnyRunIncludingNone() {
        assertThat(Wildcard.matches("abc", "a*c")).isTrue();
        assertThat(Wildcard.matches("ac", "a*c")).isTrue();
        assertThat(Wildcard.matches("", "*")).isTrue();
        assertThat(Wildcard.matches("abd", "a*c")).isFalse();
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        assertThat(Wildcard.matches("abc", "a?c")).isTrue();
        assertThat(Wildcard.matches("ac", "a?c")).isFalse();
        assertThat(Wildcard.matches("abbc", "a?c")).isFalse();
    }

    @Test
    void likeSupportsCharacterClasses() {
        assertThat(Wildcard.matches("b1", "[abc]1")).isTrue();
        assertThat(Wildcard.matches("d1", "[abc]1")).isFalse();
    }

    @Test
    void likeSupportsCharacterRanges() {
        assertThat(Wildcard.matches("user7", "user[0-9]")).isTrue();
        assertThat(Wildcard.matches("userx", "user[0-9]")).isFalse();
    }

    @Test
    void characterClassesIgnoreCase() {
        assertThat(Wildcard.matches("Q", "[a-z]")).isTrue();
        assertThat(Wildcard.matches("b", "[ABC]")).isTrue();
    }

    @Test
    void backtickEscapesTheNextCharacter() {
        assertThat(Wildcard.matches("a*b", "a`*b")).isTrue();
        assertThat(Wildcard.matches("axb", "a`*b")).isFalse();
        assertThat(Wildcard.matches("[x]", "`[x`]")).isTrue();
    }

    @Test
    void backtickEscapesInsideACharacterClass() {
        assertThat(Wildcard.matches("]", "[`]]")).isTrue();
    }

    @Test
    void emptyPatternMatchesOnlyEmptyText() {
        assertThat(Wildcard.matches("", "")).isTrue();
        assertThat(Wildcard.matches("a", "")).isFalse();
    }

    @Test
    void malformedLikePatternIsAnError() {
        assertThatThrownBy(() -> Wildcard.matches("abc", "ab[c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ab[c")
                .hasMessageContaining("never closed");
    }

    @Test
    void emptyCharacterClassIsAnError() {
        assertThatThrownBy(() -> Wildcard.matches("abc", "a[]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty character class");
    }

    @Test
    void trailingBacktickIsALiteralBacktick() {
        assertThat(Wildcard.matches("a`", "a`")).isTrue();
    }
}
