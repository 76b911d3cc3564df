package dev.idle.graphsim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.simsupport.SimulatorServers;
import org.junit.jupiter.api.Test;

/** How the Graph simulator serves: its HTTPS server is made where every simulator's is, with TCP_NODELAY on. */
class GraphSimulatorTransportTest {
    @Test
    void simulatorStartsWithTcpNoDelayTurnedOn() {
        System.clearProperty(SimulatorServers.NODELAY_PROPERTY);
        try (GraphSimulator sim = GraphSimulator.builder().build().start()) {
            assertThat(System.getProperty(SimulatorServers.NODELAY_PROPERTY)).isEqualTo("true");
            assertThat(sim.graphBaseUrl().getHost()).isEqualTo("127.0.0.1");
        }
    }
}
