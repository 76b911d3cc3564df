package dev.idle.provider.support;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.SecretReferences;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the factories of host-file provider entries share: the {@code type} they answer to, the option keys they
 * support, and the opening of {@link #create(String, DataMap, ProviderFactory.Environment)}: absent options read as
 * an empty map, every message prefixed with {@code "<title> provider '<alias>'"}, unknown keys rejected
 * ({@link ProviderOptions#rejectUnknownOptions}), and the host's secret references reading environment variables
 * through the factory's own lookup, which tests and embedding hosts replace. A subclass reads the rest from the
 * {@link Entry}.
 *
 * <pre>{@code
 * public final class WikiProviderFactory extends AbstractProviderFactory {
 *     public WikiProviderFactory() {
 *         super("acme-wiki", "Acme Wiki", List.of("baseUrl", "auth"), System::getenv);
 *     }
 *
 *     protected Provider create(Entry entry) {
 *         String baseUrl = ProviderOptions.string(entry.options().get("baseUrl"), entry.at(), "baseUrl");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>How it fails: an invalid entry is an {@link IllegalArgumentException} whose message starts with
 * {@link Entry#at()} and names the key at fault, as {@link ProviderFactory#create} requires. Thread-safe when the
 * subclass is (the factory itself keeps no state per entry).
 */
public abstract class AbstractProviderFactory implements ProviderFactory {
    private final String type;
    private final String title;
    private final List<String> supportedOptions;
    private final Function<String, String> environment;

    /**
     * @param type             the host-file {@code type} this factory answers to
     * @param title            how messages name the provider kind, e.g. {@code "Okta"} for
     *                         {@code "Okta provider 'okta': ..."}
     * @param supportedOptions the option keys besides {@code type} (compared case-insensitively)
     * @param environment      how environment variables are read ({@code System::getenv} in production)
     */
    protected AbstractProviderFactory(String type, String title, List<String> supportedOptions,
                                      Function<String, String> environment) {
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.supportedOptions = List.copyOf(supportedOptions);
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Provider create(String alias, DataMap options, Environment env) {
        DataMap o = options == null ? new DataMap() : options;
        String at = title + " provider '" + alias + "'";
        ProviderOptions.rejectUnknownOptions(at, o, supportedOptions);
        return create(new Entry(alias, o, at, env, environment));
    }

    /**
     * The provider for {@code entry}, whose unknown keys have already been rejected.
     *
     * @throws IllegalArgumentException for an invalid option, the message starting with {@link Entry#at()}
     */
    protected abstract Provider create(Entry entry);

    /**
     * One host-file entry being read.
     *
     * @param alias       the alias the host gave the provider
     * @param options     the entry's options (never null)
     * @param at          the prefix of every message about this entry, e.g. {@code "Okta provider 'okta'"}
     * @param environment the host's context as the engine passed it (null when a test or embedding host passed none)
     * @param variables   how the factory reads environment variables
     */
    public record Entry(String alias, DataMap options, String at, Environment environment,
                        Function<String, String> variables) {
        /**
         * The host's secret references, reading environment variables through {@link #variables()}; made when asked
         * for, so an entry without secrets never touches them.
         */
        public SecretReferences secrets() {
            return ProviderOptions.secrets(environment, variables);
        }
    }
}
