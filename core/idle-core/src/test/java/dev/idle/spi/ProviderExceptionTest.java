package dev.idle.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderExceptionTest {
    @Test
    void transientMarkIsFoundAnywhereInTheCauseChain() {
        RuntimeException wrapped = new RuntimeException("outer",
                new IllegalStateException("middle", ProviderException.transientFailure("throttled")));
        assertThat(ProviderException.isTransient(wrapped)).isTrue();
        assertThat(ProviderException.isTransient(new RuntimeException("plain"))).isFalse();
    }

    @Test
    void aCauseChainThatLoopsBackIsWalkedOnce() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(ProviderException.isTransient(a)).isFalse();
        assertThat(ProviderException.minimumDelayOf(a)).isNull();
    }

    @Test
    void minimumDelayIsTheLargestInTheChain() {
        ProviderException inner = new ProviderException("429", true, Duration.ofSeconds(2), null);
        ProviderException outer = new ProviderException("retry", true, Duration.ofSeconds(1), inner);

        assertThat(ProviderException.minimumDelayOf(outer)).isEqualTo(Duration.ofSeconds(2));
    }
}
