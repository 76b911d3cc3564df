package dev.idle.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputLimitsTest {
    @Test
    void defaultsFitRealData() {
        InputLimits d = InputLimits.defaults();
        assertThat(d.maxStringLength()).isGreaterThanOrEqualTo(64 * 1024);
        assertThat(d.maxLikePatternLength()).isGreaterThanOrEqualTo(1024);
        assertThat(d.maxLikeValueLength()).isGreaterThanOrEqualTo(64 * 1024);
        assertThat(d.maxNestingDepth()).isGreaterThanOrEqualTo(64);
    }

    @Test
    void withChangesOnlyTheNamedLimitAndIgnoresCase() {
        InputLimits changed = InputLimits.defaults().with("MAXNESTINGDEPTH", 10);
        assertThat(changed.maxNestingDepth()).isEqualTo(10);
        for (String n : InputLimits.names()) {
            if (!n.equals("maxNestingDepth")) {
                assertThat(changed.get(n)).as(n).isEqualTo(InputLimits.defaults().get(n));
            }
        }
    }

    @Test
    void unknownLimitNameIsRefusedListingTheKnownNames() {
        assertThatThrownBy(() -> InputLimits.defaults().with("maxDepth", 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'maxDepth'").hasMessageContaining("maxNestingDepth");
    }

    @Test
    void limitsBelowOneAreRefused() {
        assertThatThrownBy(() -> InputLimits.defaults().with("maxPathSegments", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
