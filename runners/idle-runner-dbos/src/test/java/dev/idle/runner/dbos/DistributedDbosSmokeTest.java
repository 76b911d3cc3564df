package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.workflow.Workflow;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * DBOS Transact starts on the project's dependency set (its Jackson 3 beside our Jackson 2) against a real PostgreSQL,
 * and keeps the promise the runner is built on: a workflow started twice under one id runs its checkpointed step
 * once, and the second start reports the first one's result.
 */
class DistributedDbosSmokeTest {
    /** A workflow of one step, counting how often the step's body really ran. */
    public interface Greeter {
        String greet(String name);
    }

    static final class GreeterImpl implements Greeter {
        private final DBOS dbos;
        final AtomicInteger stepRuns = new AtomicInteger();

        GreeterImpl(DBOS dbos) {
            this.dbos = dbos;
        }

        @Override
        @Workflow(name = "greet")
        public String greet(String name) {
            return dbos.runStep(() -> "hello " + name + " #" + stepRuns.incrementAndGet(), "say-hello");
        }
    }

    @Test
    void aWorkflowStartedTwiceUnderOneIdRunsItsStepOnceAndReportsTheFirstResult() throws Exception {
        DatabaseSettings db = RealPostgres.settings();
        try (DBOS dbos = new DBOS(db.toDbosConfig("idle-smoke").disableAdminServer())) {
            GreeterImpl impl = new GreeterImpl(dbos);
            Greeter greeter = dbos.registerProxy(Greeter.class, impl);
            dbos.launch();
            String id = "smoke-" + UUID.randomUUID();

            String first = dbos.startWorkflow(() -> greeter.greet("leaver"),
                    new StartWorkflowOptions().withWorkflowId(id)).getResult();
            String second = dbos.startWorkflow(() -> greeter.greet("leaver"),
                    new StartWorkflowOptions().withWorkflowId(id)).getResult();

            assertThat(first).isEqualTo("hello leaver #1");
            assertThat(second).isEqualTo(first);
            assertThat(impl.stepRuns).hasValue(1);
        }
    }
}
