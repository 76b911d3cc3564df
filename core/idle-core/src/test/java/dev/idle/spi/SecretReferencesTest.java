package dev.idle.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReferencesTest {
    private static final String AT = "Test provider 't'";
    private static final String CONTENT = "TOP-SECRET-CONTENT";

    @TempDir
    Path dir;

    private SecretReferences hostOnly(Map<String, String> env) {
        return SecretReferences.of(dir, null, env::get);
    }

    /** A host in {@code dir/host} whose secretsDir is {@code dir/host/secrets}, with a secret outside it. */
    private SecretReferences withSecretsDir() throws IOException {
        Path host = Files.createDirectories(dir.resolve("host"));
        Path secrets = Files.createDirectories(host.resolve("secrets"));
        Files.writeString(secrets.resolve("pw.txt"), "in-secrets-dir\n");
        Files.createDirectories(secrets.resolve("sub"));
        Files.writeString(secrets.resolve("sub/pw.txt"), "in-sub\n");
        Files.writeString(host.resolve("outside.txt"), CONTENT);
        return SecretReferences.of(host, secrets, Map.of("PW", "from-env")::get);
    }

    @Test
    void secretsComeFromEnvironmentOrFile() throws Exception {
        Map<String, String> env = Map.of("SET", " s3cret \n", "BLANK", " ");
        SecretReferences refs = hostOnly(env);
        assertThat(refs.environment("SET", AT).reveal()).isEqualTo("s3cret");
        assertThatThrownBy(() -> refs.environment("BLANK", AT))
                .isInstanceOf(ProviderException.class).hasMessage(AT + ": environment variable BLANK is not set.");
        Path file = Files.writeString(dir.resolve("s.txt"), "abc\n");
        assertThat(refs.file(file.toString(), AT).reveal()).isEqualTo("abc");
        assertThatThrownBy(() -> refs.file(dir.resolve("none").toString(), AT))
                .isInstanceOf(ProviderException.class)
                .hasMessage(AT + ": cannot read secret file " + dir.resolve("none") + ": NoSuchFileException");
    }

    @Test
    void aHostFilePathResolvesAgainstTheHostFolderAndAnAbsoluteOneIsUsedAsWritten() throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/token.txt"), "relative\n");
        Path elsewhere = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("abs.txt"),
                "absolute");
        SecretReferences refs = SecretReferences.of(dir, null, Map.<String, String>of()::get);
        assertThat(refs.file("secrets/token.txt", AT).reveal()).isEqualTo("relative");
        assertThat(refs.file(elsewhere.toAbsolutePath().toString(), AT).reveal()).isEqualTo("absolute");
        assertThat(refs.hostPath("secrets/../secrets/token.txt")).isEqualTo(dir.resolve("secrets/token.txt"));
    }

    @Test
    void aDescriptionSaysWhatTheSecretIsInEveryMessage() throws Exception {
        SecretReferences refs = hostOnly(Map.of());
        assertThatThrownBy(() -> refs.environment("KC_SECRET", AT, "client secret"))
                .hasMessage(AT + ": environment variable KC_SECRET (client secret) is not set.");
        assertThatThrownBy(() -> refs.file("none", AT, "client secret file"))
                .hasMessage(AT + ": cannot read client secret file " + dir.resolve("none") + ": NoSuchFileException");
        Files.writeString(dir.resolve("blank.txt"), " \n");
        assertThatThrownBy(() -> refs.file("blank.txt", AT, "client secret file"))
                .isInstanceOf(ProviderException.class)
                .hasMessage(AT + ": client secret file " + dir.resolve("blank.txt") + " is empty.");
    }

    @Test
    void aHostFileReferenceReadsAVariableOrAFileNextToTheHostFile() throws Exception {
        Files.writeString(dir.resolve("pw.txt"), "from-file\n");
        SecretReferences refs = hostOnly(Map.of("PW", "from-env"));
        assertThat(refs.hostReference("env:PW", AT).reveal()).isEqualTo("from-env");
        assertThat(refs.hostReference("FILE:pw.txt", AT).reveal()).isEqualTo("from-file");
        assertThatThrownBy(() -> refs.hostReference("plain", AT)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("expected a secret reference");
        assertThat(SecretReferences.isReference(" Env:X")).isTrue();
        assertThat(SecretReferences.isReference("environment")).isFalse();
    }

    @Test
    void aRequestReferenceReadsAVariable() throws Exception {
        SecretReferences refs = withSecretsDir();
        assertThat(refs.requestReference("env:PW", "AccountPassword").reveal()).isEqualTo("from-env");
        assertThatThrownBy(() -> refs.requestReference("env:NOPE", "AccountPassword"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AccountPassword: environment variable NOPE is not set.");
    }

    @Test
    void aRequestReferenceReadsAFileInsideSecretsDir() throws Exception {
        SecretReferences refs = withSecretsDir();
        assertThat(refs.requestReference("file:pw.txt", "AccountPassword").reveal()).isEqualTo("in-secrets-dir");
        assertThat(refs.requestReference("file:sub/pw.txt", "AccountPassword").reveal()).isEqualTo("in-sub");
        assertThat(refs.requestReference("file:sub/../pw.txt", "AccountPassword").reveal())
                .isEqualTo("in-secrets-dir");
    }

    @Test
    void aRequestFileReferenceWithoutSecretsDirIsRefusedSayingHowToConfigureIt() throws Exception {
        Files.writeString(dir.resolve("pw.txt"), CONTENT);
        SecretReferences refs = hostOnly(Map.of());
        assertThatThrownBy(() -> refs.requestReference("file:pw.txt", "AccountPassword"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AccountPassword: the secret reference 'file:pw.txt' is refused")
                .hasMessageContaining("secretsDir: <folder>").hasMessageContaining("docs/host-file.md")
                .hasMessageNotContaining(CONTENT);
    }

    @Test
    void aRequestReferenceToAnAbsolutePathIsRefused() throws Exception {
        SecretReferences refs = withSecretsDir();
        String absolute = dir.resolve("host/outside.txt").toAbsolutePath().toString();
        assertThatThrownBy(() -> refs.requestReference("file:" + absolute, "AccountPassword"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AccountPassword: the secret reference 'file:" + absolute + "' is refused")
                .hasMessageContaining("relative path inside secretsDir").hasMessageNotContaining(CONTENT);
        // the absolute path of a file that is inside secretsDir is refused too: references are relative
        String insideButAbsolute = dir.resolve("host/secrets/pw.txt").toAbsolutePath().toString();
        assertThatThrownBy(() -> refs.requestReference("file:" + insideButAbsolute, "AccountPassword"))
                .hasMessageContaining("is refused");
    }

    @Test
    void aRequestReferenceEscapingSecretsDirWithDotDotIsRefused() throws Exception {
        SecretReferences refs = withSecretsDir();
        assertThatThrownBy(() -> refs.requestReference("file:../outside.txt", "AccountPassword"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AccountPassword: the secret reference 'file:../outside.txt' is refused")
                .hasMessageContaining("leads out of secretsDir").hasMessageNotContaining(CONTENT);
        assertThatThrownBy(() -> refs.requestReference("file:sub/../../outside.txt", "AccountPassword"))
                .hasMessageContaining("leads out of secretsDir").hasMessageNotContaining(CONTENT);
    }

    @Test
    void aRequestReferenceThroughASymlinkLeadingOutOfSecretsDirIsRefused() throws Exception {
        SecretReferences refs = withSecretsDir();
        Path secrets = dir.resolve("host/secrets");
        assumeTrue(symlink(secrets.resolve("link.txt"), dir.resolve("host/outside.txt")), "no symbolic links here");
        symlink(secrets.resolve("linkdir"), dir.resolve("host"));
        assertThatThrownBy(() -> refs.requestReference("file:link.txt", "AccountPassword"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AccountPassword: the secret reference 'file:link.txt' is refused")
                .hasMessageContaining("link that leads out of secretsDir").hasMessageNotContaining(CONTENT);
        assertThatThrownBy(() -> refs.requestReference("file:linkdir/outside.txt", "AccountPassword"))
                .hasMessageContaining("link that leads out of secretsDir").hasMessageNotContaining(CONTENT);
    }

    @Test
    void aSymlinkThatStaysInsideSecretsDirIsAllowed() throws Exception {
        SecretReferences refs = withSecretsDir();
        Path secrets = dir.resolve("host/secrets");
        assumeTrue(symlink(secrets.resolve("current.txt"), secrets.resolve("sub/pw.txt")), "no symbolic links here");
        assertThat(refs.requestReference("file:current.txt", "AccountPassword").reveal()).isEqualTo("in-sub");
    }

    @Test
    void aMissingOrEmptyRequestFileAndAMalformedReferenceAreErrorsNamingTheKey() throws Exception {
        SecretReferences refs = withSecretsDir();
        Files.writeString(dir.resolve("host/secrets/empty.txt"), "\n");
        assertThatThrownBy(() -> refs.requestReference("file:none.txt", "AccountPassword"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AccountPassword: cannot read secret file 'file:none.txt': NoSuchFileException");
        assertThatThrownBy(() -> refs.requestReference("file:empty.txt", "AccountPassword"))
                .hasMessage("AccountPassword: the referenced secret is empty.");
        assertThatThrownBy(() -> refs.requestReference("file:a\u0000b", "AccountPassword"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("is refused: it is not a valid path.");
        assertThatThrownBy(() -> refs.requestReference("s3cr3t", "AccountPassword"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AccountPassword: expected a secret reference").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void hostOptionsDoNotLoosenTheRequestRules() throws Exception {
        // the host folder is not secretsDir: a request cannot reach a file next to the host file
        SecretReferences refs = withSecretsDir();
        assertThat(refs.hostReference("file:outside.txt", AT).reveal()).isEqualTo(CONTENT);
        assertThatThrownBy(() -> refs.requestReference("file:outside.txt", "AccountPassword"))
                .hasMessageContaining("NoSuchFileException").hasMessageNotContaining(CONTENT);
    }

    private static boolean symlink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
