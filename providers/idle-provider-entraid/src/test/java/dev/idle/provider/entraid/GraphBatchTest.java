package dev.idle.provider.entraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.spi.Entitlement;
import dev.idle.spi.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the Failsafe policy of {@link GraphBatch} gives up, against the Graph simulator. */
class GraphBatchTest {
    private SimFixture fx;
    private String user;
    private final List<Entitlement> groups = new ArrayList<>();

    @BeforeEach
    void start() {
        fx = SimFixture.start();
        user = fx.sim.addUser("bulk@contoso.example", "Bulk");
        for (int i = 0; i < 20; i++) {
            String g = fx.sim.addGroup("bulk-" + i);
            fx.sim.addMember(g, user);
            groups.add(Entitlement.of("Group", g));
        }
        // 10 writes a minute: the second half of the batch is throttled, with Retry-After 1 s.
        fx.sim.throttle(10, Duration.ofMinutes(1), Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        fx.sim.close();
    }

    @Test
    void itemsStillThrottledWhenTheRetriesRunOutFailTheCallAsTransientWithTheirRetryAfter() {
        EntraIdProvider provider = fx.provider("batchRetries", 2);

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider.bulkRevokeEntitlements("bulk@contoso.example", groups, null));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.minimumDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(e).hasMessage("10 of 20 $batch items for 'bulk@contoso.example' are still throttled after 3"
                + " attempt(s); the step should be retried (Retry-After 1000 ms).");
        assertThat(fx.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(fx.sim.acceptedWrites()).isEqualTo(10);
    }

    @Test
    void aRetryAfterLongerThanMaxBatchWaitEndsTheRetriesAtOnce() {
        EntraIdProvider provider = fx.provider("maxBatchWaitSeconds", 0);

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider.bulkRevokeEntitlements("bulk@contoso.example", groups, null));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.minimumDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(e).hasMessageContaining("still throttled after 1 attempt(s)");
        assertThat(fx.sleeps).isEmpty();
    }
}
