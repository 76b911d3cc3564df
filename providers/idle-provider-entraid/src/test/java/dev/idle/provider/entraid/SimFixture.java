package dev.idle.provider.entraid;

import dev.idle.api.data.DataMap;
import dev.idle.graphsim.GraphSimulator;
import dev.idle.spi.ProviderFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.idle.testkit.TestEnvironment;

/**
 * A provider wired to a running simulator the way a host file wires it: {@code baseUrl}, {@code authorityHost},
 * {@code trustStore} + {@code trustStorePasswordEnv}, and a ClientSecret {@code auth} whose secret comes from an
 * environment variable (the environment is a map here).
 */
final class SimFixture {
    static final String TENANT = "contoso-tenant";
    static final String CLIENT = "idle-provider";
    static final String SECRET = "sim-Secret-value-0123456789";
    static final String SECRET_VAR = "IDLE_TEST_GRAPH_SECRET";
    static final String TRUST_VAR = "IDLE_TEST_TRUSTSTORE_PASSWORD";

    final GraphSimulator sim;
    final Map<String, String> env = new HashMap<>();
    /** Every wait the provider took between $batch attempts. */
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    SimFixture(GraphSimulator sim) {
        this.sim = sim;
        env.put(SECRET_VAR, SECRET);
        env.put(TRUST_VAR, new String(sim.trustStorePassword()));
    }

    static SimFixture start() {
        GraphSimulator sim = GraphSimulator.builder().build().start();
        sim.registerApp(TENANT, CLIENT, SECRET);
        return new SimFixture(sim);
    }

    DataMap options(Object... extra) {
        DataMap o = DataMap.of(
                "baseUrl", sim.graphBaseUrl().toString(),
                "authorityHost", sim.authorityHost().toString(),
                "trustStore", sim.trustStore().toString(),
                "trustStorePasswordEnv", TRUST_VAR,
                "auth", DataMap.of("type", "ClientSecret", "tenantId", TENANT, "clientId", CLIENT, "env", SECRET_VAR));
        for (int i = 0; i < extra.length; i += 2) {
            o.put((String) extra[i], extra[i + 1]);
        }
        return o;
    }

    EntraIdProvider provider(Object... extraOptions) {
        EntraIdProviderFactory factory = new EntraIdProviderFactory(env::get, d -> {
            sleeps.add(d);
            Thread.sleep(d.toMillis());
        });
        return (EntraIdProvider) factory.create("Identity", options(extraOptions),
                new TestEnvironment(Path.of("."), new HashMap<>()));
    }
}
