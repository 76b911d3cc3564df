package com.example.idle.wiki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.RunStatus;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.StepPack;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The jar is found through ServiceLoader, and a workflow using its step on its provider plans and runs. */
class WikiExtensionTest {
    private static final Path HOST = Path.of("host.yaml");
    private static final Path WORKFLOW = Path.of("leaver-wiki.yaml");
    private static final Path REQUEST = Path.of("request.json");

    @Test
    void serviceLoaderFindsTheStepPackAndTheProviderFactory() {
        assertThat(ServiceLoader.load(StepPack.class)).anyMatch(p -> p instanceof WikiSteps);
        assertThat(ServiceLoader.load(ProviderFactory.class)).anyMatch(f -> f.type().equals("acme-wiki"));
    }

    @Test
    void leaverWorkflowPlansAndRunsTheCustomStepOnTheCustomProvider() {
        Idle idle = Idle.create();
        try (Host host = Host.load(HOST)) {
            Plan plan = idle.plan(WORKFLOW, LifecycleRequest.load(REQUEST), host.providers());

            ExecutionResult first = idle.invokePlan(plan).providers(host.providers())
                    .executionOptions(ExecutionOptions.defaults()).run();
            ExecutionResult second = idle.invokePlan(plan).providers(host.providers())
                    .executionOptions(ExecutionOptions.defaults()).run();

            assertThat(first.status()).isEqualTo(RunStatus.Completed);
            assertThat(first.steps()).extracting(StepOutcome::type, StepOutcome::status, StepOutcome::changed)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("IdLE.Step.DisableIdentity", StepStatus.Completed, true),
                            org.assertj.core.groups.Tuple.tuple(ArchivePersonalSpaceStep.TYPE, StepStatus.Completed,
                                    true));
            assertThat(second.steps()).extracting(StepOutcome::changed).containsExactly(false, false);
            assertThat(first.events()).anyMatch(e -> e.type().equals("AcmeWiki.SpaceArchived"));
            IdentityReader wiki = (IdentityReader) host.providers().get("Wiki");
            assertThat(wiki.getIdentity("jdoe", null).attributes().get("SpaceArchived")).isEqualTo(true);
        }
    }

    @Test
    void planIsRefusedWhenTheProviderLacksTheCustomCapability() {
        Idle idle = Idle.create();
        try (Host host = Host.load(HOST)) {
            dev.idle.api.Providers withoutArchive = dev.idle.api.Providers.builder()
                    .provider("Wiki", new ReadOnlyWiki(host.providers().get("Wiki"))).build();

            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> idle.plan(WORKFLOW, LifecycleRequest.load(REQUEST), withoutArchive));

            assertThat(thrown).hasMessageContaining(SpaceArchiver.CAPABILITY);
        }
    }

    /** The wiki provider with only IdLE's capabilities advertised. */
    private record ReadOnlyWiki(dev.idle.spi.Provider inner) implements dev.idle.spi.Provider,
            dev.idle.spi.IdentityDisabler {
        @Override
        public java.util.List<String> capabilities() {
            return java.util.List.of("IdLE.Identity.Read", "IdLE.Identity.Disable");
        }

        @Override
        public dev.idle.spi.ProviderResult disableIdentity(String key, dev.idle.spi.AuthSession session) {
            return ((dev.idle.spi.IdentityDisabler) inner).disableIdentity(key, session);
        }
    }
}
