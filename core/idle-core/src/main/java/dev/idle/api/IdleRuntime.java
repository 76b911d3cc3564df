package dev.idle.api;

import dev.idle.api.data.DataMap;
import dev.idle.api.event.EventSink;
import dev.idle.spi.AuthSessionBroker;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.SecretReferences;
import dev.idle.spi.StepPack;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * <b>Internal; not for users.</b> The seam between IdLE's public API and its implementation: {@link Idle},
 * {@link Host}, {@link JsonOutput} and {@link LifecycleRequest} delegate to it, so that no class of
 * {@code dev.idle.api} or {@code dev.idle.spi} is compiled against {@code dev.idle.internal}. Call those classes
 * instead; this interface may change in any release without notice.
 *
 * <p>idle-core registers its one implementation in {@code META-INF/services/dev.idle.api.IdleRuntime}, and the API
 * finds it once, with {@link java.util.ServiceLoader}, on first use. When the registration is missing (a repackaged
 * jar that dropped idle-core's {@code META-INF/services} files), that first use fails with an
 * {@link IllegalStateException} naming the file.
 *
 * <p>Implementations are stateless and thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public interface IdleRuntime {
    /** An engine over the step packs found on the class path. */
    Engine engineFromClassPath();

    /** An engine over exactly these step packs. */
    Engine engine(List<StepPack> packs);

    /** Reads a data file ({@code .psd1}, {@code .yaml}/{@code .yml}, {@code .json}) into its tree. */
    Object loadData(Path file);

    /** Parses data text; {@code fileName}'s extension picks the format and names it in messages. */
    Object parseData(String text, String fileName);

    /** The broker for a host file's {@code authSessions} section; problems surface as {@link IdleInputException}. */
    AuthSessionBroker hostAuthSessions(Object data, Path baseDirectory, String source,
                                       Function<String, String> environment);

    /**
     * The secret references of a host file: relative {@code file:} paths resolve against {@code baseDirectory}, and
     * request data may read files only under the host's {@code secretsDir}; problems with {@code secretsDir} are added
     * to {@code problems}.
     */
    SecretReferences hostSecrets(Object secretsDir, Path baseDirectory, String source,
                                 Function<String, String> environment, List<String> problems);

    /**
     * The provider factories {@code loader} finds with ServiceLoader, by type (case-insensitive).
     *
     * @throws IllegalStateException when two factories answer to one type, naming both classes and their jars
     */
    Map<String, ProviderFactory> providerFactories(ClassLoader loader);

    /** See {@link RequestSource#read}. */
    RequestSource requestSource(java.io.InputStream in, String name, RequestSource.Format format);

    /** A data tree as pretty-printed JSON, keys in the tree's order. */
    String prettyJson(Object tree);

    /** A data tree as one line of JSON. */
    String compactJson(Object tree);

    /** A copy of {@code map} with secret values replaced by IdLE's redaction marker. */
    DataMap redact(DataMap map);

    /** One engine: its step catalog and what {@link Idle} does with it. */
    @API(status = INTERNAL, since = "0.1")
    interface Engine {
        /** See {@link Idle#validate(DataMap, Providers)}. */
        ValidationReport validate(DataMap workflow, Providers providers);

        /** See {@link Idle#plan(DataMap, LifecycleRequest, Providers, String)}. */
        Plan plan(DataMap workflow, LifecycleRequest request, Providers providers, String source);

        /** See {@link Idle#prepare(DataMap, String)}. */
        PreparedPlanner prepare(DataMap workflow, String source);

        /**
         * See {@link Idle#invoke(Plan, Providers, EventSink, ExecutionOptions)}; each step the run reaches goes
         * through {@code checkpoints}.
         */
        ExecutionResult invoke(Plan plan, Providers providers, EventSink sink, ExecutionOptions options,
                               StepCheckpoints checkpoints);

        /** See {@link Idle#readPlan(Path, Providers)}. */
        Plan readPlan(Path planFile, Providers providers);

        /** See {@link Idle#readPlanForReview(Path)}. */
        String readPlanForReview(Path planFile);

        /** See {@link Idle#export(Plan)}. */
        String export(Plan plan);

        /** See {@link Idle#preview(Plan, Providers)}; {@code previewedAt} is the document's time. */
        PlanPreview preview(Plan plan, Providers providers, Instant previewedAt);
    }

    /** A checked, read-only workflow behind {@link PreparedWorkflow}; thread-safe. */
    @API(status = INTERNAL, since = "0.1")
    interface PreparedPlanner {
        /** See {@link PreparedWorkflow#plan(LifecycleRequest, Providers)}. */
        Plan plan(LifecycleRequest request, Providers providers);

        /** See {@link PreparedWorkflow#workflow()}. */
        DataMap workflow();
    }
}
