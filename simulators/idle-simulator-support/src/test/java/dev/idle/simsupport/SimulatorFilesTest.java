package dev.idle.simsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a simulator hands its clients hold keys: readable by their owner only. */
class SimulatorFilesTest {
    @TempDir
    Path tmp;

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theSimulatorKeyStoreAndTrustStoreAreOwnerOnly() throws IOException {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        SimulatorTls tls = SimulatorTls.create(tmp.resolve("work"));
        assertThat(mode(tmp.resolve("work/server.p12"))).isEqualTo("rw-------");
        assertThat(mode(tls.trustStore())).isEqualTo("rw-------");
    }

    @Test
    void aRewrittenFileBecomesOwnerOnlyAndGetsTheNewContent() throws IOException {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Path key = Files.writeString(tmp.resolve("key.pem"), "old, world-readable");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        SimulatorFiles.writePrivate(key, "new");
        assertThat(key).hasContent("new");
        assertThat(mode(key)).isEqualTo("rw-------");
    }
}
