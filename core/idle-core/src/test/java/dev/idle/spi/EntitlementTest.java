package dev.idle.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import org.junit.jupiter.api.Test;

class EntitlementTest {

    @Test
    void requireKindAndIdTrimsBothAndKeepsTheExtras() {
        Entitlement given = new Entitlement(" Group ", " sales ", DataMap.of("DisplayName", "S"));

        Entitlement e = Entitlement.requireKindAndId(given);

        assertThat(e.kind()).isEqualTo("Group");
        assertThat(e.id()).isEqualTo("sales");
        assertThat(e.extras()).containsEntry("DisplayName", "S");
    }

    @Test
    void requireKindAndIdRefusesAMissingKindOrIdNamingTheField() {
        assertThatThrownBy(() -> Entitlement.requireKindAndId(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Entitlement.Kind must not be empty.");
        assertThatThrownBy(() -> Entitlement.requireKindAndId(Entitlement.of(" ", "x")))
                .hasMessage("Entitlement.Kind must not be empty.");
        assertThatThrownBy(() -> Entitlement.requireKindAndId(Entitlement.of("Group", "")))
                .hasMessage("Entitlement.Id must not be empty.");
    }
}
