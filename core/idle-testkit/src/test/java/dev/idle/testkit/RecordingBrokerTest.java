package dev.idle.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import org.junit.jupiter.api.Test;

class RecordingBrokerTest {
    @Test
    void aPlainBrokerDefinesEveryNameAndRecordsEachRequestWithItsOptions() {
        RecordingBroker broker = new RecordingBroker();

        assertThat(broker.defines("Anything")).isTrue();
        assertThat(broker.acquire("Graph", DataMap.of("Scope", "x")).name()).isEqualTo("Graph");
        assertThat(broker.requests()).containsExactly(new RecordingBroker.Request("Graph", DataMap.of("Scope", "x")));
    }

    @Test
    void aBrokerDefiningNamesRefusesOtherNamesAfterRecordingTheRequest() {
        RecordingBroker broker = RecordingBroker.defining("ExchangeOnline");

        assertThat(broker.defines("ExchangeOnline")).isTrue();
        assertThat(broker.defines("MicrosoftGraph")).isFalse();
        broker.acquire("ExchangeOnline", new DataMap());
        assertThatThrownBy(() -> broker.acquire("MicrosoftGraph", new DataMap()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Auth session 'MicrosoftGraph' is not defined.");
        assertThat(broker.requestedNames()).containsExactly("ExchangeOnline", "MicrosoftGraph");
    }
}
