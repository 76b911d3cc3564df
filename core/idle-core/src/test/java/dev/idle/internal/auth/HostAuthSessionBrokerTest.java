package dev.idle.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.IdleInputException;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostAuthSessionBrokerTest {
    private static final Function<String, String> ENV = Map.of(
            "TIER0_TOKEN", "tier0-secret", "DEFAULT_TOKEN", "default-secret", "ADMIN_PW", "pw-secret",
            "ADMIN_USER", "svc-admin")::get;

    @TempDir
    Path dir;

    private HostAuthSessionBroker broker(DataMap sessions) {
        return HostAuthSessionBroker.fromData(sessions, dir, "host.yaml", ENV);
    }

    private List<String> problems(Object sessions) {
        return catchThrowableOfType(() -> HostAuthSessionBroker.fromData(sessions, dir, "host.yaml", ENV),
                IdleInputException.class).problems();
    }

    private HostAuthSessionBroker graphWithVariants() {
        return broker(DataMap.of("Graph", List.of(
                DataMap.of("type", "OAuth", "env", "DEFAULT_TOKEN"),
                DataMap.of("type", "OAuth", "env", "TIER0_TOKEN", "options", DataMap.of("Role", "Tier0")))));
    }

    /** Only option-bearing variants: a request that matches none of them has nowhere to fall back to. */
    private HostAuthSessionBroker graphWithoutDefault() {
        return broker(DataMap.of("Graph", List.of(
                DataMap.of("type", "OAuth", "env", "DEFAULT_TOKEN", "options", DataMap.of("Role", "Admin")),
                DataMap.of("type", "OAuth", "env", "TIER0_TOKEN", "options", DataMap.of("Role", "Tier0")))));
    }

    @Test
    void defaultVariantIsUsedWhenNoVariantsOptionsMatch() {
        AuthSession s = graphWithVariants().acquire("Graph", DataMap.of("Role", "Helpdesk", "CorrelationId", "c-1"));
        assertThat(s.secret().reveal()).isEqualTo("default-secret");
        assertThat(graphWithVariants().acquire("Graph", DataMap.of("Role", "Tier0")).secret().reveal())
                .as("an exact match still wins over the default").isEqualTo("tier0-secret");
    }

    @Test
    void defaultVariantIsChosenWithoutOptions() {
        AuthSession s = graphWithVariants().acquire("Graph", new DataMap());
        assertThat(s.secret().reveal()).isEqualTo("default-secret");
        assertThat(s.name()).isEqualTo("Graph");
        assertThat(s.type()).isEqualTo("OAuth");
        assertThat(graphWithVariants().acquire("Graph", null).secret().reveal()).isEqualTo("default-secret");
    }

    @Test
    void variantIsSelectedByOptionsWithCaseInsensitiveKeysAndValues() {
        AuthSession s = graphWithVariants().acquire("graph", DataMap.of("ROLE", "tier0"));
        assertThat(s.secret().reveal()).isEqualTo("tier0-secret");
    }

    @Test
    void correlationIdAndActorAreIgnoredWhenSelecting() {
        AuthSession s = graphWithVariants().acquire("Graph",
                DataMap.of("CorrelationId", "c-1", "actor", "me", "Role", "Tier0"));
        assertThat(s.secret().reveal()).isEqualTo("tier0-secret");
        assertThat(graphWithVariants().acquire("Graph", DataMap.of("correlationid", "c-1")).secret().reveal())
                .isEqualTo("default-secret");
    }

    @Test
    void noMatchingVariantIsAnErrorNamingSessionAndOptionsButNoSecret() {
        HostAuthSessionBroker b = graphWithoutDefault();
        assertThatThrownBy(() -> b.acquire("Graph", DataMap.of("Role", "Tier1", "token", "opt-secret")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("auth session 'Graph'").hasMessageContaining("Role")
                .hasMessageNotContaining("opt-secret").hasMessageNotContaining("tier0-secret")
                .hasMessageNotContaining("default-secret");
    }

    @Test
    void authSessionOptionsValuesNeverAppearInErrors() {
        HostAuthSessionBroker b = graphWithoutDefault();
        assertThatThrownBy(() -> b.acquire("Graph", DataMap.of("Role", "Tier1-value", "Tenant", "contoso-value",
                "CorrelationId", "c-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No variant of auth session 'Graph' matches AuthSessionOptions with keys Role, Tenant"
                        + " (values are not shown).");
    }

    @Test
    void unknownSessionNameIsAnErrorListingTheDefinedNames() {
        assertThatThrownBy(() -> graphWithVariants().acquire("Exchange", new DataMap()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No auth session named 'Exchange' is defined in the host file. Defined: Graph.");
    }

    @Test
    void withoutADefaultVariantEmptyOptionsMatchNothing() {
        HostAuthSessionBroker b = broker(DataMap.of("Graph", List.of(
                DataMap.of("type", "OAuth", "env", "TIER0_TOKEN", "options", DataMap.of("Role", "Tier0")))));
        assertThatThrownBy(() -> b.acquire("Graph", new DataMap())).hasMessageContaining("(none)");
    }

    @Test
    void twoDefaultVariantsAreRejected() {
        assertThat(problems(DataMap.of("Graph", List.of(DataMap.of("type", "OAuth", "env", "A"),
                DataMap.of("type", "OAuth", "env", "B"))))).singleElement().asString()
                .contains("authSessions.Graph has 2 variants without 'options'");
    }

    @Test
    void secretComesFromAFileResolvedAgainstTheHostFolder() throws IOException {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/token.txt"), "file-secret\n");
        AuthSession s = broker(DataMap.of("Graph", DataMap.of("type", "OAuth", "file", "secrets/token.txt")))
                .acquire("Graph", new DataMap());
        assertThat(s.secret().reveal()).isEqualTo("file-secret");
        assertThat(s.attributes()).containsEntry("file", dir.resolve("secrets/token.txt").toString());
    }

    @Test
    void missingSecretFileIsAnErrorWithoutItsContent() {
        HostAuthSessionBroker b = broker(DataMap.of("Graph", DataMap.of("type", "OAuth", "file", "nope.txt")));
        assertThatThrownBy(() -> b.acquire("Graph", new DataMap())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read secret file");
    }

    @Test
    void unsetEnvironmentVariableIsAnError() {
        HostAuthSessionBroker b = broker(DataMap.of("Graph", DataMap.of("type", "OAuth", "env", "UNSET_VAR")));
        assertThatThrownBy(() -> b.acquire("Graph", new DataMap()))
                .hasMessage("Auth session 'Graph': environment variable UNSET_VAR is not set.");
    }

    @Test
    void credentialReadsUserNameAndPasswordFromTheEnvironment() {
        AuthSession s = broker(DataMap.of("AD", DataMap.of("type", "Credential", "usernameEnv", "ADMIN_USER",
                "passwordEnv", "ADMIN_PW"))).acquire("AD", new DataMap());
        assertThat(s.attributes()).containsEntry("username", "svc-admin");
        assertThat(s.secret().reveal()).isEqualTo("pw-secret");
    }

    @Test
    void typeWithoutSecretCarriesNone() {
        AuthSession s = broker(DataMap.of("MI", DataMap.of("type", "ManagedIdentity", "clientId", "abc")))
                .acquire("MI", new DataMap());
        assertThat(s.secret()).isNull();
        assertThat(s.attributes()).containsEntry("clientId", "abc");
    }

    @Test
    void inlineSecretKeysAreRejected() {
        List<String> p = problems(DataMap.of(
                "A", DataMap.of("type", "Credential", "username", "u", "password", "x"),
                "B", DataMap.of("type", "OAuth", "Token", "x"),
                "C", DataMap.of("type", "ClientSecret", "tenantId", "t", "clientId", "c", "secret", "x"),
                "D", DataMap.of("type", "ClientSecret", "clientSecret", "x")));
        assertThat(p).hasSize(4).allSatisfy(e -> assertThat(e)
                .contains("secrets must not be written in the host file").doesNotContain("Allowed"));
        assertThat(p).anySatisfy(e -> assertThat(e).contains("authSessions.A.password"));
    }

    @Test
    void unknownTypeIsRejected() {
        assertThat(problems(DataMap.of("X", DataMap.of("type", "Kerberos"), "Y", DataMap.of())))
                .hasSize(2)
                .anySatisfy(e -> assertThat(e).startsWith("host.yaml: authSessions.X.type must be one of")
                        .contains("(got 'Kerberos')"))
                .anySatisfy(e -> assertThat(e).startsWith("host.yaml: authSessions.Y.type must be one of"));
    }

    @Test
    void unknownKeyForATypeIsRejectedListingTheAllowedOnes() {
        assertThat(problems(DataMap.of("X", DataMap.of("type", "ManagedIdentity", "tenantId", "t"))))
                .singleElement().asString().contains("unknown key 'tenantId' for type ManagedIdentity")
                .contains("Allowed: clientId");
    }

    @Test
    void optionsMustBeAMapAndDefinitionsMaps() {
        assertThat(problems(DataMap.of("X", DataMap.of("type", "OAuth", "env", "E", "options", "x"),
                "Y", List.of("x")))).containsExactlyInAnyOrder(
                "host.yaml: authSessions.X.options must be a map",
                "host.yaml: authSessions.Y[0] must be a map with a 'type'");
    }

    @Test
    void sectionMustBeAMap() {
        assertThatThrownBy(() -> HostAuthSessionBroker.fromData(List.of(), dir, "host.yaml", ENV))
                .isInstanceOf(IdleInputException.class).hasMessageContaining("authSessions must be a map");
    }

    @Test
    void authSessionToStringNeverContainsTheSecret() {
        AuthSession s = graphWithVariants().acquire("Graph", new DataMap());
        assertThat(s.toString()).doesNotContain("default-secret").contains("Graph");
        assertThat(String.valueOf(s.secret())).doesNotContain("default-secret");
    }
}
