package dev.idle.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderFactory;
import dev.idle.testkit.TestEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockProviderFactoryTest {
    @TempDir
    Path dir;

    private final MockProviderFactory factory = new MockProviderFactory();

    private MockProvider create(DataMap options) {
        return (MockProvider) factory.create("Identity", options, new TestEnvironment(dir));
    }

    @Test
    void factoryIsFoundByServiceLoaderUnderTypeMock() {
        assertThat(ServiceLoader.load(ProviderFactory.class))
                .anySatisfy(f -> assertThat(f.type()).isEqualTo("mock"));
    }

    @Test
    void unknownOptionIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> create(DataMap.of("statefile", "s.json", "failOnce", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'failOnce'")
                .hasMessageContaining("stateFile, capabilities, failOn, failPermanentlyOn, identityKeyAttribute, "
                        + "autoCreate, protectedEntitlementIds, identities");
    }

    @Test
    void optionsAreReadWithAnyKeyCaseAndConfigureTheProvider() {
        MockProvider mock = create(DataMap.of(
                "Capabilities", List.of("IdLE.Identity.Read", "IdLE.Identity.RevokeSessions"),
                "FAILON", DataMap.of("revokeSessions", 1),
                "failPermanentlyOn", List.of("DeleteIdentity"),
                "autoCreate", "true",
                "identityKeyAttribute", "Mail",
                "protectedEntitlementIds", List.of("sg-all-staff")));

        assertThat(mock.capabilities()).containsExactly("IdLE.Identity.Read", "IdLE.Identity.RevokeSessions");
        assertThatThrownBy(() -> mock.revokeSessions("new", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(mock.revokeSessions("new", null).changed()).as("auto-created, no sessions").isFalse();
        assertThatThrownBy(() -> mock.deleteIdentity("new", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void invalidOptionValuesNameTheOption() {
        assertThatThrownBy(() -> create(DataMap.of("failOn", DataMap.of("RevokeSessions", "twice"))))
                .hasMessageContaining("failOn").hasMessageContaining("twice");
        assertThatThrownBy(() -> create(DataMap.of("failOn", DataMap.of("Nope", 1))))
                .hasMessageContaining("'Nope'");
        assertThatThrownBy(() -> create(DataMap.of("autoCreate", "maybe"))).hasMessageContaining("autoCreate");
        assertThatThrownBy(() -> create(DataMap.of("capabilities", List.of("has space.x"))))
                .hasMessageContaining("'has space.x'");
    }

    @Test
    void identitiesOptionSeedsAnInMemoryStore() {
        MockProvider mock = create(DataMap.of("identities", DataMap.of("jdoe", DataMap.of(
                "enabled", false,
                "attributes", DataMap.of("Department", "IT"),
                "sessions", List.of(DataMap.of("id", "s1", "client", "Outlook"))))));

        assertThat(mock.getIdentity("jdoe", null).enabled()).isFalse();
        assertThat(mock.getIdentity("jdoe", null).attributes()).containsEntry("Department", "IT");
        assertThat(mock.revokeSessions("jdoe", null).changed()).isTrue();
    }

    @Test
    void stateFileAndIdentitiesCannotBeCombined() {
        assertThatThrownBy(() -> create(DataMap.of("stateFile", "s.json", "identities", DataMap.of("a", DataMap.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stateFile").hasMessageContaining("identities");
    }
}
