package dev.idle.graphsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the simulator reports for rate-limit tests and benchmarks: writes per second, the busiest window, 429s. */
class WriteRatesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private GraphSimulator sim;
    private SimClient client;

    @BeforeEach
    void start() {
        sim = GraphSimulator.builder().build().start();
        sim.registerApp(GraphSimulatorTest.TENANT, GraphSimulatorTest.CLIENT, GraphSimulatorTest.SECRET);
        client = new SimClient(sim).login(GraphSimulatorTest.TENANT, GraphSimulatorTest.CLIENT,
                GraphSimulatorTest.SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static RequestRecord writeAt(long millis) {
        return new RequestRecord(T0.plusMillis(millis), "POST", "/v1.0/users/x/revokeSignInSessions", 200, "c", "r",
                "app", null);
    }

    @Test
    void writesAreCountedPerWholeSecondOfArrival() {
        List<RequestRecord> writes = List.of(writeAt(0), writeAt(999), writeAt(1000), writeAt(3500));

        assertThat(WriteRates.perSecond(writes)).containsExactly(Map.entry(T0, 2),
                Map.entry(T0.plusSeconds(1), 1), Map.entry(T0.plusSeconds(3), 1));
    }

    @Test
    void theBusiestSlidingWindowSpansTwoWholeSeconds() {
        // 2 writes late in one second and 2 early in the next: no whole second holds more than 2, one window holds 4
        List<RequestRecord> writes = List.of(writeAt(800), writeAt(900), writeAt(1100), writeAt(1200), writeAt(1900));

        assertThat(WriteRates.maxInAnyWindow(writes, Duration.ofSeconds(1))).isEqualTo(4);
        assertThat(WriteRates.maxInAnyWindow(writes, Duration.ofMillis(100))).as("half-open window").isEqualTo(1);
        assertThat(WriteRates.maxInAnyWindow(List.of(), Duration.ofSeconds(1))).isZero();
    }

    @Test
    void simulatorReportsAcceptedWritesPerSecondAndEvery429ItSent() {
        String jdoe = sim.addUser("jdoe@contoso.com", "J Doe");
        sim.throttle(3, Duration.ofMinutes(10), Duration.ofSeconds(1));
        sim.injectFault("GET", "/v1.0/users/.*", 1, 429);

        int throttled = 0;
        for (int i = 0; i < 5; i++) {
            if (client.call("PATCH", "/users/" + jdoe, Map.of("jobTitle", "T" + i)).status() == 429) {
                throttled++;
            }
        }
        assertThat(client.get("/users/" + jdoe).status()).isEqualTo(429);

        assertThat(throttled).isEqualTo(2);
        assertThat(sim.tooManyRequestsSent()).as("2 from the throttle, 1 injected").isEqualTo(3);
        assertThat(sim.writesPerSecond().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
        assertThat(sim.maxWritesInAnyWindow(Duration.ofMinutes(10))).isEqualTo(3);
    }
}
