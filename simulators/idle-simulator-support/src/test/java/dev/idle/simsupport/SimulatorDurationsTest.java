package dev.idle.simsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorDurationsTest {
    @Test
    void millisecondsSecondsMinutesAndIsoDurationsAreRead() {
        assertThat(SimulatorDurations.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(SimulatorDurations.parse(" 2 s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(SimulatorDurations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(SimulatorDurations.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void anythingElseIsRefusedNamingTheAcceptedForms() {
        assertThatThrownBy(() -> SimulatorDurations.parse("soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a duration: 'soon' (use e.g. 500ms, 2s, PT1S)");
    }
}
