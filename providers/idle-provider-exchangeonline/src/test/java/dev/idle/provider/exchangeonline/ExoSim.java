package dev.idle.provider.exchangeonline;

import dev.idle.api.data.DataMap;
import dev.idle.graphsim.GraphSimulator;
import dev.idle.spi.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** One Graph + Exchange admin simulator per test class and providers configured against it. */
final class ExoSim implements AutoCloseable {
    static final String TENANT = "contoso.onmicrosoft.com";
    static final String CLIENT = "idle-exo";
    static final String SECRET = "exo-client-secret-value-42";
    final GraphSimulator sim = GraphSimulator.builder().build().start();
    final Path dir;

    ExoSim() {
        sim.registerApp(TENANT, CLIENT, SECRET);
        sim.registerApp(TENANT, "graph-only", "graph-only-secret", Set.of("MailboxSettings.ReadWrite"));
        try {
            dir = Files.createTempDirectory("exo-sim-test");
            Files.writeString(dir.resolve("truststore.password"), new String(sim.trustStorePassword()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user with a mailbox; returns its UPN. */
    String mailbox(String upn, String displayName, String type) {
        sim.addUser(Map.of("userPrincipalName", upn, "displayName", displayName, "mail", upn));
        sim.addMailbox(upn, type);
        return upn;
    }

    String user(String upn) {
        sim.addUser(Map.of("userPrincipalName", upn, "displayName", upn, "mail", upn));
        return upn;
    }

    DataMap options(String clientId, String secretEnv) {
        DataMap auth = DataMap.of("type", "ClientSecret", "clientId", clientId, "env", secretEnv);
        return DataMap.of("tenantId", TENANT, "graphBaseUrl", sim.graphBaseUrl().toString(),
                "exchangeBaseUrl", sim.exchangeBaseUrl().toString(), "authorityHost", sim.authorityHost().toString(),
                "trustStore", sim.trustStore().toString(), "trustStorePasswordFile",
                dir.resolve("truststore.password").toString(), "timeoutSeconds", 10, "auth", auth);
    }

    ExchangeOnlineProvider provider() {
        return provider(CLIENT, SECRET);
    }

    ExchangeOnlineProvider provider(String clientId, String secret) {
        Provider p = new ExchangeOnlineProviderFactory(v -> v.equals("EXO_SECRET") ? secret : null)
                .create("ExchangeOnline", options(clientId, "EXO_SECRET"), null);
        return (ExchangeOnlineProvider) p;
    }

    @Override
    public void close() {
        sim.close();
    }
}
