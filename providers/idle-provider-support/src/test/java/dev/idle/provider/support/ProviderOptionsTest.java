package dev.idle.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.ProviderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderOptionsTest {
    private static final String AT = "Test provider 't'";

    @Test
    void unknownOptionsAreNamedWithTheSupportedList() {
        DataMap o = DataMap.of("type", "x", "BASEURL", "u", "colour", "red");
        assertThat(ProviderOptions.unknownOptions(o, List.of("baseUrl", "auth")))
                .containsExactly("unknown option 'colour'. Supported options: baseUrl, auth.");
        assertThatThrownBy(() -> ProviderOptions.rejectUnknownOptions(AT, o, List.of("baseUrl", "auth")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(AT + ": unknown option 'colour'. Supported options: baseUrl, auth.");
        ProviderOptions.rejectUnknownOptions(AT, DataMap.of("type", "x", "Auth", "a"), List.of("auth"));
    }

    @Test
    void typedValuesNameTheKeyAtFault() {
        assertThat(ProviderOptions.string(" a ", AT, "k")).isEqualTo("a");
        assertThatThrownBy(() -> ProviderOptions.string(" ", AT, "k"))
                .hasMessage(AT + ": option 'k' must be a non-empty string, got ' '.");
        assertThat(ProviderOptions.bool(null, AT, "b", true)).isTrue();
        assertThat(ProviderOptions.bool(" FALSE ", AT, "b", true)).isFalse();
        assertThatThrownBy(() -> ProviderOptions.bool("yes", AT, "b", true))
                .hasMessage(AT + ": option 'b' must be true or false, got 'yes'.");
        assertThat(ProviderOptions.integer(null, AT, "n", 7, 1, 10)).isEqualTo(7);
        assertThat(ProviderOptions.integer(" 3 ", AT, "n", 7, 1, 10)).isEqualTo(3);
        assertThat(ProviderOptions.integer(4.0, AT, "n", 7, 1, 10)).isEqualTo(4);
        for (Object bad : List.of(4.5, 11, "x", Long.MAX_VALUE)) {
            assertThatThrownBy(() -> ProviderOptions.integer(bad, AT, "n", 7, 1, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(AT + ": option 'n' must be a whole number from 1 to 10, got '");
        }
        assertThat(ProviderOptions.optionalText(DataMap.of("a", " x ", "b", " ", "n", 5), "a")).isEqualTo("x");
        assertThat(ProviderOptions.optionalText(DataMap.of("b", " "), "b")).isNull();
        assertThat(ProviderOptions.optionalText(DataMap.of("n", 5), "n")).isEqualTo("5");
    }

    @Test
    void credentialAuthProblemsNameEachMistake() {
        assertThat(ProviderOptions.credentialAuthProblems(DataMap.of("type", "Credential", "usernameEnv", "U",
                "passwordFile", "p.txt"))).isEmpty();
        assertThat(ProviderOptions.credentialAuthProblems(DataMap.of("type", "Basic", "password", "x", "colour", 1)))
                .containsExactly(
                        "auth.password is not supported; secrets must not be written in the host file: use passwordEnv"
                                + " or passwordFile.",
                        "auth.colour is not supported. Supported: type, username, usernameEnv, usernameFile,"
                                + " passwordEnv, passwordFile.",
                        "auth.type must be 'Credential', got 'Basic'.",
                        "auth needs username, usernameEnv or usernameFile.",
                        "auth needs passwordEnv or passwordFile.");
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectoryWithoutAnEnvironment() {
        // (the secret readers that were tested here moved to dev.idle.spi.SecretReferencesTest)
        assertThat(ProviderOptions.baseDirectory(null)).isEqualTo(Path.of("."));
    }
}
