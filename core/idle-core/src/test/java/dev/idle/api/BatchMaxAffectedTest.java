package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The blast-radius limit as {@code --max-affected} and {@code executionOptions.maxAffected} spell it. */
class BatchMaxAffectedTest {
    @Test
    void aCountIsItsOwnThresholdAndAPercentageIsRoundedDown() {
        assertThat(MaxAffected.parse("100").threshold(5000)).isEqualTo(100);
        assertThat(MaxAffected.parse(" 0 ").threshold(5000)).isZero();
        assertThat(MaxAffected.parse("2%").threshold(5000)).isEqualTo(100);
        assertThat(MaxAffected.parse("0.7%").threshold(1000)).isEqualTo(7);
        assertThat(MaxAffected.parse("10%").threshold(19)).isEqualTo(1);
        assertThat(MaxAffected.parse("100%").threshold(19)).isEqualTo(19);
        assertThat(MaxAffected.parse("5%").isPercent()).isTrue();
        assertThat(MaxAffected.parse("5%")).hasToString("5%");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1.5", "101%", "abc", "5 %", "%", "99999999999999999999"})
    void anythingElseIsRefusedSayingWhatIsExpected(String text) {
        assertThatThrownBy(() -> MaxAffected.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a number of requests (such as 100) or a percentage");
    }

    @Test
    void theHostFileGivesACountOrAPercentageAndNamesTheKeyOfABadOne() {
        assertThat(ExecutionOptions.fromData(DataMap.of("maxAffected", 50L), "h.yaml").maxAffected())
                .isEqualTo(MaxAffected.count(50));
        assertThat(ExecutionOptions.fromData(DataMap.of("MaxAffected", "5%"), "h.yaml").maxAffected())
                .hasToString("5%");
        assertThat(ExecutionOptions.fromData(DataMap.of("retryProfiles", new DataMap()), "h.yaml").maxAffected())
                .isNull();
        assertThatThrownBy(() -> ExecutionOptions.fromData(DataMap.of("maxAffected", "lots"), "h.yaml"))
                .isInstanceOf(IdleInputException.class)
                .satisfies(e -> assertThat(((IdleInputException) e).problems()).singleElement().asString()
                        .startsWith("h.yaml: executionOptions.maxAffected must be").contains("'lots'"));
        assertThatThrownBy(() -> ExecutionOptions.fromData(DataMap.of("maxAffected", 2.5), "h.yaml"))
                .isInstanceOf(IdleInputException.class);
    }

    @Test
    void maxAffectedAloneLeavesStepRetryProfilesIgnoredAsWithoutExecutionOptions() {
        ExecutionOptions only = ExecutionOptions.fromData(DataMap.of("maxAffected", 5L), "h.yaml");
        assertThat(only.profileFor("Step", "Named")).isEqualTo(RetryProfile.DEFAULT);
        ExecutionOptions empty = ExecutionOptions.fromData(new DataMap(Map.of()), "h.yaml");
        assertThatThrownBy(() -> empty.profileFor("Step", "Named")).isInstanceOf(IllegalStateException.class);
    }
}
