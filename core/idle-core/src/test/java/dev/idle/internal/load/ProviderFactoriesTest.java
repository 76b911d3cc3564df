package dev.idle.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderFactoriesTest {

    /** A factory answering to a given type. */
    static class Answering implements ProviderFactory {
        private final String type;

        Answering(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Provider create(String alias, DataMap options, Environment env) {
            return null;
        }
    }

    /** A second factory class, from another "jar". */
    static final class Rival extends Answering {
        Rival(String type) {
            super(type);
        }
    }

    @Test
    void secondFactoryOfTheSameTypeIsRefusedNamingBothClasses() {
        List<ProviderFactory> factories = List.of(new Answering("mock"), new Answering("ad"), new Rival("Mock"));

        assertThatThrownBy(() -> ProviderFactories.byType(factories))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Provider type 'Mock' is defined by two factories: "
                        + Answering.class.getName())
                .hasMessageContaining(" and " + Rival.class.getName())
                .hasMessageEndingWith("Remove one of them from the class path.");
    }

    @Test
    void theSameFactoryClassFoundTwiceIsNoConflict() {
        assertThat(ProviderFactories.byType(List.of(new Answering("mock"), new Answering("mock"))))
                .containsOnlyKeys("mock");
    }

    @Test
    void factoriesAreFoundByTypeIgnoringCaseAndListedSorted() {
        var byType = ProviderFactories.byType(List.of(new Answering("okta"), new Answering("AD")));

        assertThat(byType.keySet()).containsExactly("AD", "okta");
        assertThat(byType.get("Okta")).isNotNull();
    }
}
