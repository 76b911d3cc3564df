package dev.idle.internal.runtime;

import dev.idle.api.IdleRuntime;
import dev.idle.api.data.DataMap;
import dev.idle.internal.auth.HostAuthSessionBroker;
import dev.idle.internal.auth.HostSecrets;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.export.JsonText;
import dev.idle.internal.batch.CsvRequestSource;
import dev.idle.internal.batch.JsonLinesRequestSource;
import dev.idle.internal.load.DataFileLoader;
import dev.idle.internal.load.ProviderFactories;
import dev.idle.internal.redact.Redactor;
import dev.idle.spi.AuthSessionBroker;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.SecretReferences;
import dev.idle.spi.StepPack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * idle-core's {@link IdleRuntime}, registered in {@code META-INF/services/dev.idle.api.IdleRuntime}: each method hands
 * over to the internal class that does the work. Stateless and thread-safe.
 */
public final class DefaultIdleRuntime implements IdleRuntime {
    @Override
    public Engine engineFromClassPath() {
        return new CatalogEngine(StepCatalog.discover());
    }

    @Override
    public Engine engine(List<StepPack> packs) {
        return new CatalogEngine(StepCatalog.of(packs));
    }

    @Override
    public Object loadData(Path file) {
        return DataFileLoader.load(file);
    }

    @Override
    public Object parseData(String text, String fileName) {
        return DataFileLoader.loadString(text, fileName);
    }

    @Override
    public AuthSessionBroker hostAuthSessions(Object data, Path baseDirectory, String source,
                                              Function<String, String> environment) {
        return HostAuthSessionBroker.fromData(data, baseDirectory, source, environment);
    }

    @Override
    public SecretReferences hostSecrets(Object secretsDir, Path baseDirectory, String source,
                                        Function<String, String> environment, List<String> problems) {
        return HostSecrets.of(secretsDir, baseDirectory, source, environment, problems);
    }

    @Override
    public Map<String, ProviderFactory> providerFactories(ClassLoader loader) {
        return ProviderFactories.byType(ServiceLoader.load(ProviderFactory.class, loader));
    }

    @Override
    public dev.idle.api.RequestSource requestSource(java.io.InputStream in, String name,
                                                    dev.idle.api.RequestSource.Format format) {
        return format == dev.idle.api.RequestSource.Format.CSV ? CsvRequestSource.open(in, name)
                : new JsonLinesRequestSource(in, name);
    }

    @Override
    public String prettyJson(Object tree) {
        return JsonText.pretty(tree);
    }

    @Override
    public String compactJson(Object tree) {
        return JsonText.compact(tree);
    }

    @Override
    public DataMap redact(DataMap map) {
        return Redactor.redactMap(map);
    }
}
