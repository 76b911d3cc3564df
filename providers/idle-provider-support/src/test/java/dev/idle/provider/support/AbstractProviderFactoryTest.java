package dev.idle.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.idle.testkit.TestEnvironment;

class AbstractProviderFactoryTest {
    /** A factory that keeps the entry it was given instead of making a provider. */
    static final class RecordingFactory extends AbstractProviderFactory {
        Entry seen;

        RecordingFactory(Map<String, String> variables) {
            super("acme-wiki", "Acme Wiki", List.of("baseUrl", "auth"), variables::get);
        }

        @Override
        protected Provider create(Entry entry) {
            seen = entry;
            return null;
        }
    }

    @TempDir
    Path hostFolder;

    private ProviderFactory.Environment env() {
        return new TestEnvironment(hostFolder, Map.of());
    }

    @Test
    void anUnknownOptionIsRejectedWithTheEntrysPrefixBeforeTheSubclassReadsIt() {
        RecordingFactory f = new RecordingFactory(Map.of());

        assertThatThrownBy(() -> f.create("wiki", DataMap.of("type", "acme-wiki", "colour", "red"), env()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Acme Wiki provider 'wiki': unknown option 'colour'. Supported options: baseUrl, auth.");
        assertThat(f.seen).isNull();
    }

    @Test
    void theEntryCarriesAliasOptionsAndMessagePrefixAndAbsentOptionsReadAsEmpty() {
        RecordingFactory f = new RecordingFactory(Map.of());

        f.create("wiki", DataMap.of("BASEURL", "https://wiki.example.com"), env());
        assertThat(f.seen.alias()).isEqualTo("wiki");
        assertThat(f.seen.at()).isEqualTo("Acme Wiki provider 'wiki'");
        assertThat(f.seen.options().getString("baseUrl")).isEqualTo("https://wiki.example.com");
        assertThat(f.type()).isEqualTo("acme-wiki");

        f.create("other", null, null);
        assertThat(f.seen.options()).isEmpty();
        assertThat(f.seen.environment()).isNull();
    }

    @Test
    void secretsReadVariablesThroughTheFactorysLookupAndFilesFromTheHostFolder() throws Exception {
        Files.writeString(hostFolder.resolve("token.txt"), "file-token\n");
        RecordingFactory f = new RecordingFactory(Map.of("WIKI_TOKEN", "env-token"));

        f.create("wiki", new DataMap(), env());

        assertThat(f.seen.secrets().environment("WIKI_TOKEN", "wiki").reveal()).isEqualTo("env-token");
        assertThat(f.seen.secrets().file("token.txt", "wiki").reveal()).isEqualTo("file-token");
    }
}
