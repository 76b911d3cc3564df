package dev.idle.provider.googleworkspace;

import dev.idle.api.data.DataMap;
import dev.idle.googlesim.GoogleSimulator;
import dev.idle.spi.Entitlement;
import dev.idle.spi.Provider;
import dev.idle.testkit.HttpSimulatorContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.idle.testkit.TestEnvironment;

/**
 * The Google Workspace provider runs the whole contract suite against the Google simulator over HTTP, authenticating
 * as a service account with domain-wide delegation (JWT bearer grant at the simulator's token endpoint). Faults are
 * the simulator's 503/429 (transient) and 403 forbidden (permanent). Google cannot tell whether sessions existed, so
 * RevokeSessions always reports changed. Delete is withheld unless allowDelete is set.
 */
class GoogleWorkspaceProviderContractTest extends HttpSimulatorContractTest {
    private static GoogleSimulator sim;
    private static Path keyFile;

    @BeforeAll
    static void startSimulator() throws IOException {
        sim = GoogleSimulator.start("example.com").pageSize(2);
        sim.addUser("admin@example.com", "Ada", "Admin", true);
        keyFile = Files.createTempDirectory("gsim").resolve("key.json");
        sim.createServiceAccount("idle@sim-project.iam.gserviceaccount.com", keyFile);
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    static Provider provider(GoogleSimulator sim, Path keyFile, boolean allowDelete) {
        DataMap options = DataMap.of("type", "googleworkspace", "baseUrl", sim.baseUrl(), "allowDelete", allowDelete,
                "auth", DataMap.of("type", "ServiceAccount", "file", keyFile.toString(),
                        "subject", "admin@example.com"));
        return new GoogleWorkspaceProviderFactory(k -> null, Clock.systemUTC()).create("Google", options,
                TestEnvironment.at(Path.of(".")));
    }

    protected GoogleSimulator sim() {
        return sim;
    }

    @Override
    protected Provider newProvider() {
        return provider(sim, keyFile, false);
    }

    @Override
    protected DataMap createAttributes(String key) {
        return DataMap.of("GivenName", "Contract", "FamilyName", "Test");
    }

    @Override
    protected Entitlement newEntitlement() {
        String email = "contract-" + hex() + "@example.com";
        sim().addGroup(email, "Contract group");
        return Entitlement.of("Group", email);
    }

    @Override
    protected boolean seedSession(Provider provider, String key) {
        sim().addSession(key);
        return true;
    }

    @Override
    protected void failNextRequest(int status) {
        sim().failNext(status);
    }

    @Override
    protected Set<String> implementedButNotAdvertised() {
        return Set.of("IdLE.Identity.Delete");
    }
}
