package dev.idle.runner.dbos;

import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Providers;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.AuthSessionBroker;
import dev.idle.spi.Provider;
import dev.idle.spi.Secret;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import dev.idle.spi.StepResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A leaver of two writes for the distributed runner's tests: step type {@code Test.Write} (alias {@code Identity},
 * auth session {@code Corp}) counts each write at its {@link WriteCounter} per step and identity, and returns the session's
 * secret as step output under a secret-named key (which every stored form must redact).
 *
 */
final class DistributedFixture {
    static final String SECRET = "s3cr3t-" + UUID.randomUUID();

    static final String LEAVER = """
            @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'
               Steps = @(
                 @{ Name = 'Disable'; Type = 'Test.Write'
                    With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; AuthSessionName = 'Corp' } }
                 @{ Name = 'RevokeSessions'; Type = 'Test.Write'
                    With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; AuthSessionName = 'Corp' } }
               ) }
            """;

    /**
     * Counts writes per "step-name identity-key"; {@link #beforeWrite} gets that key first (a test blocks there).
     * Thread-safe.
     */
    static final class WriteCounter implements Provider {
        final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
        volatile Consumer<String> beforeWrite = step -> { };

        @Override
        public List<String> capabilities() {
            return List.of("IdLE.Identity.Disable");
        }

        void write(String step, String identity) {
            String key = step + " " + identity;
            beforeWrite.accept(key);
            writes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }

        int writes(String key) {
            AtomicInteger n = writes.get(key);
            return n == null ? 0 : n.get();
        }
    }

    private DistributedFixture() {
    }

    static Idle idle() {
        return idle("Identity");
    }

    /** As {@link #idle()}, with {@code defaultAlias} as the step's provider alias when a step names none. */
    static Idle idle(String defaultAlias) {
        Step write = new Step() {
            @Override
            public String type() {
                return "Test.Write";
            }

            @Override
            public StepResult execute(StepContext context) {
                AuthSession session = context.acquireAuthSession("Corp", null);
                ((WriteCounter) context.provider("Identity")).write(context.stepName(),
                        context.with().getString("IdentityKey"));
                return new StepResult(true, DataMap.of("Data", DataMap.of("Token", session.secret().reveal(),
                        "Upn", context.with().getString("IdentityKey"))));
            }
        };
        StepMetadata meta = new StepMetadata("Test.Write", List.of("IdLE.Identity.Disable"), List.of("IdentityKey"),
                StepMetadata.PROVIDER_KEYS, defaultAlias);
        return Idle.withStepPacks(List.of(new StepPack() {
            @Override
            public String name() {
                return "Distributed.Test";
            }

            @Override
            public List<StepMetadata> catalog() {
                return List.of(meta);
            }

            @Override
            public List<Step> steps() {
                return List.of(write);
            }
        }));
    }

    /** The counter as alias {@code Identity}, and auth session {@code Corp} carrying {@link #SECRET}. */
    static Providers providers(WriteCounter counter) {
        AuthSessionBroker broker = (name, options) -> AuthSession.of(name, "Bearer", new DataMap(), Secret.of(SECRET));
        return Providers.builder().provider("Identity", counter).broker(broker).build();
    }

    /** A runner on a schema of its own, so tests never see each other's runs. */
    static DbosRunner.Builder runner(Idle idle, WriteCounter counter) {
        return DbosRunner.builder(RealPostgres.settings()).idle(idle)
                .workflow(idle.parseWorkflow(LEAVER, "leaver.psd1"), "leaver.psd1")
                .providers(providers(counter)).databaseSchema(uniqueSchema());
    }

    static String uniqueSchema() {
        return "idle_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    static LifecycleRequest leaver(String correlationId, String identity) {
        return LifecycleRequest.builder("Leaver").correlationId(correlationId).actor("hr-sync")
                .identityKey("Id", identity).build();
    }
}
