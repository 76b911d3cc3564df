package dev.idle.provider.support.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final String AT = "Okta provider 'okta'";

    @Test
    void absentGivesTheProvidersDefaultAndNoneTurnsPacingOff() {
        RateLimit dflt = RateLimit.writesPerSecond(20);

        assertThat(RateLimit.parse(null, AT, dflt)).isSameAs(dflt);
        assertThat(RateLimit.parse("None", AT, dflt)).isEqualTo(RateLimit.NONE);
        assertThat(RateLimit.parse(false, AT, dflt).limited()).isFalse();
    }

    @Test
    void aMapSetsWritesPerSecondAsANumberOrItsText() {
        assertThat(RateLimit.parse(DataMap.of("writesPerSecond", 12), AT, RateLimit.NONE).writesPerSecond())
                .isEqualTo(12.0);
        assertThat(RateLimit.parse(DataMap.of("WritesPerSecond", "0.5"), AT, RateLimit.NONE).writesPerSecond())
                .isEqualTo(0.5);
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        for (Object bad : List.of(0, -1, "fast", 10_001, Double.NaN, "Infinity")) {
            assertThatThrownBy(() -> RateLimit.parse(DataMap.of("writesPerSecond", bad), AT, RateLimit.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(AT + ": option 'rateLimit.writesPerSecond' must be a number");
        }
        assertThatThrownBy(() -> RateLimit.parse(new DataMap(), AT, RateLimit.NONE))
                .hasMessageContaining("'rateLimit.writesPerSecond' is required");
        assertThatThrownBy(() -> RateLimit.parse(DataMap.of("readsPerSecond", 5), AT, RateLimit.NONE))
                .hasMessageContaining("'rateLimit.readsPerSecond' is not supported");
        assertThatThrownBy(() -> RateLimit.parse(20, AT, RateLimit.NONE))
                .hasMessageContaining("option 'rateLimit' must be 'none' or a map");
    }
}
