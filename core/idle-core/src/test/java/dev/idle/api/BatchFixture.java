package dev.idle.api;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Provider;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepResult;
import dev.idle.testing.TestPacks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A step pack and provider for batch tests: {@code Test.Touch} (alias {@code Identity}, capability
 * {@code IdLE.Identity.Disable}) records each identity key it is run for in its provider, so a test can tell which
 * requests ran and how often; identity key {@code fail} makes the step fail.
 */
final class BatchFixture {
    /** Counts the writes of {@code Test.Touch}, per identity key. Thread-safe. */
    static class TouchProvider implements Provider {
        final Map<String, AtomicInteger> touched = new ConcurrentHashMap<>();

        @Override
        public List<String> capabilities() {
            return List.of("IdLE.Identity.Disable");
        }

        int writes() {
            return touched.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    static final String WORKFLOW = """
            @{ Name = 'Touch'; LifecycleEvent = 'Leaver'
               Steps = @( @{ Name = 'Touch'; Type = 'Test.Touch'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } } ) }
            """;

    private BatchFixture() {
    }

    static Idle idle() {
        dev.idle.spi.Step touch = new dev.idle.spi.Step() {
            @Override
            public String type() {
                return "Test.Touch";
            }

            @Override
            public StepResult execute(dev.idle.spi.StepContext context) {
                String key = String.valueOf(context.with().get("IdentityKey"));
                if (key.equals("fail")) {
                    throw new IllegalStateException("cannot touch " + key);
                }
                ((TouchProvider) context.provider("Identity")).touched
                        .computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                return StepResult.changed(true);
            }
        };
        return Idle.withStepPacks(List.of(TestPacks.pack("Batch.Test", List.of(new StepMetadata("Test.Touch",
                List.of("IdLE.Identity.Disable"), List.of("IdentityKey"), StepMetadata.PROVIDER_KEYS, "Identity")),
                List.of(touch))));
    }

    static DataMap workflow(Idle idle) {
        return idle.parseWorkflow(WORKFLOW, "touch.psd1");
    }

    static Providers providers(TouchProvider p) {
        return Providers.builder().provider("Identity", p).build();
    }

    static LifecycleRequest leaver(String id) {
        return LifecycleRequest.builder("Leaver").correlationId("c-" + id).identityKey("Id", id).build();
    }
}
