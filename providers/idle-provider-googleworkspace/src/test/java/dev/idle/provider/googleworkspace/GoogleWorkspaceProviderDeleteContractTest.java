package dev.idle.provider.googleworkspace;

import dev.idle.googlesim.GoogleSimulator;
import dev.idle.spi.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract suite once more with {@code allowDelete: true}, so the delete tests run. */
class GoogleWorkspaceProviderDeleteContractTest extends GoogleWorkspaceProviderContractTest {
    private static GoogleSimulator deleteSim;
    private static Path deleteKey;

    @BeforeAll
    static void startDeleteSimulator() throws IOException {
        deleteSim = GoogleSimulator.start("example.com");
        deleteSim.addUser("admin@example.com", "Ada", "Admin", true);
        deleteKey = Files.createTempDirectory("gsim").resolve("key.json");
        deleteSim.createServiceAccount("idle@sim-project.iam.gserviceaccount.com", deleteKey);
    }

    @AfterAll
    static void stopDeleteSimulator() {
        deleteSim.close();
    }

    @Override
    protected GoogleSimulator sim() {
        return deleteSim;
    }

    @Override
    protected Provider newProvider() {
        return provider(deleteSim, deleteKey, true);
    }

    @Override
    protected Set<String> implementedButNotAdvertised() {
        return Set.of();
    }
}
