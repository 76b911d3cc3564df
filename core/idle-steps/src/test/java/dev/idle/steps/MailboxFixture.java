package dev.idle.steps;

import dev.idle.api.Providers;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.provider.mock.MockProvider;
import dev.idle.spi.AuthSession;
import dev.idle.spi.EventWriter;
import dev.idle.spi.Provider;
import dev.idle.spi.Secret;
import dev.idle.spi.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Workflows, providers and a hand-made step context for the mailbox step tests. */
final class MailboxFixture {
    private MailboxFixture() {
    }

    /** A one-step Leaver workflow; {@code with} is the inside of the step's {@code With = @{ ... }}. */
    static String workflow(String type, String with) {
        return """
                @{
                  Name = 'Mailbox test'
                  LifecycleEvent = 'Leaver'
                  Steps = @(
                    @{ Name = 'Mailbox'; Type = '%s'; With = @{ %s } }
                  )
                }
                """.formatted(type, with);
    }

    /** jdoe with a mailbox of {@code type}, primary address jdoe@contoso.com. */
    static MockProvider mockWithMailbox(String type) {
        return MockProvider.builder().identity("jdoe", i -> i.attribute("Mail", "jdoe@contoso.com")
                .attribute("DisplayName", "John Doe").mailbox(type)).build();
    }

    static Providers exchange(MockProvider mock) {
        return Providers.builder().provider("ExchangeOnline", mock).build();
    }

    /** Runs the workflow; the single step's outcome. */
    static StepOutcome run(String workflow, Providers providers) {
        return EngineFixture.step(new EngineFixture().run(workflow, "Leaver", providers), "Mailbox");
    }

    /** Runs the workflow and returns the step's error, failing the test when the step did not fail. */
    static String error(String workflow, Providers providers) {
        StepOutcome s = run(workflow, providers);
        if (s.status() != StepStatus.Failed) {
            throw new AssertionError("expected step to fail but it is " + s.status());
        }
        return s.error();
    }

    /** A step context without the engine, for calling a handler directly (as upstream's unit tests do). */
    static final class DirectContext implements StepContext {
        final DataMap with;
        final Provider provider;
        final Set<String> definedSessions;
        final List<String> acquired = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        DirectContext(DataMap with, Provider provider, String... definedSessions) {
            this.with = with;
            this.provider = provider;
            this.definedSessions = Set.of(definedSessions);
        }

        @Override
        public String stepName() {
            return "Mailbox";
        }

        @Override
        public String stepType() {
            return "IdLE.Step.Mailbox.Test";
        }

        @Override
        public DataMap with() {
            return with;
        }

        @Override
        public Provider provider(String alias) {
            if (provider == null || !alias.equalsIgnoreCase("ExchangeOnline")) {
                throw new IllegalStateException("Provider '" + alias + "' was not supplied by the host.");
            }
            return provider;
        }

        @Override
        public AuthSession acquireAuthSession(String name, DataMap options) {
            acquired.add(name);
            return AuthSession.of(name, "OAuth", new DataMap(), Secret.of("t"));
        }

        @Override
        public boolean definesAuthSession(String name) {
            return definedSessions.contains(name);
        }

        @Override
        public EventWriter events() {
            return (type, message, data) -> events.add(type);
        }

        @Override
        public String correlationId() {
            return "corr-direct";
        }

        @Override
        public String actor() {
            return null;
        }
    }
}
