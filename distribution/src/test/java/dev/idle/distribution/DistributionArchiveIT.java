package dev.idle.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.distribution.UnpackedDistribution.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built archives alone, in clean temp folders: the tar.gz unpacked by {@code tar} runs {@code bin/idle} (version
 * with the commit, the demo, the conf/ samples), a jar of the extension example dropped into {@code plugins/} adds a
 * step type and a provider type that {@code idle validate} accepts, the zip holds the same files and each checksum
 * file matches its archive. Runs after {@code package} (failsafe), on the JDK that runs the build.
 */
class DistributionArchiveIT {
    private static final String EXAMPLE_STEP_TYPE = "AcmeWiki.Step.ArchivePersonalSpace";

    private static final Path TAR_GZ = Path.of(System.getProperty("idle.dist.tarGz"));
    private static final Path ZIP = Path.of(System.getProperty("idle.dist.zip"));
    private static final String VERSION = System.getProperty("idle.dist.version");
    private static final Path EXAMPLE_JAR = Path.of(System.getProperty("idle.example.pluginJar"));
    private static final Path EXAMPLE_DIR = Path.of(System.getProperty("idle.example.dir"));

    @TempDir
    static Path shared;

    /** Unpacked once for the tests that only read it; a test that changes plugins/ unpacks its own copy. */
    private static UnpackedDistribution dist;

    @TempDir
    Path work;

    @BeforeAll
    static void unpack() throws Exception {
        Path into = Files.createDirectory(shared.resolve("unpacked"));
        dist = UnpackedDistribution.unpack(TAR_GZ, into);
    }

    @Test
    void archiveHasTheDocumentedLayout() throws IOException {
        Path home = dist.home();
        assertThat(home.getFileName()).hasToString("idle-" + VERSION);
        assertThat(home.resolve("LICENSE")).content().startsWith("MIT License").contains("The IdLE for Java authors");
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/idle"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(home.resolve("bin/idle.bat")).content().contains("\r\n");
        assertThat(fileNames(home.resolve("plugins"))).as("plugins/ ships empty").containsExactly("README.txt");
        assertThat(home.resolve("conf")).isDirectoryContaining("glob:**/host.yaml")
                .isDirectoryContaining("glob:**/leaver.yaml").isDirectoryContaining("glob:**/request-leaver.json")
                .isDirectoryContaining("glob:**/simplelogger.properties");
        List<String> libs = fileNames(home.resolve("lib"));
        assertThat(libs).contains("idle-cli-" + VERSION + ".jar", "idle-core-" + VERSION + ".jar")
                .allMatch(name -> name.endsWith(".jar"));
        assertThat(libs).as("no simulators, test jars or test libraries in lib/")
                .noneMatch(name -> name.contains("simulator") || name.contains("-tests")
                        || name.startsWith("idle-testkit") || name.startsWith("junit") || name.startsWith("assertj")
                        || name.startsWith("idle-example-extension"));
    }

    @Test
    void versionNamesTheVersionAndTheCommitTheCliWasBuiltFrom() throws Exception {
        Result version = dist.idle(work, "--version");

        assertThat(version.exitCode()).as(version.toString()).isZero();
        String commit = System.getProperty("idle.dist.commit", "");
        if (commit.isEmpty() || commit.startsWith("${")) { // built outside a git checkout: no commit is named
            assertThat(version.out().strip()).isEqualTo("idle " + VERSION);
        } else {
            assertThat(version.out().strip()).matches("idle " + VERSION.replace(".", "\\.")
                    + " \\(commit " + commit + "(, modified)?\\)");
        }
    }

    @Test
    void demoRunsFromTheUnpackedArchive() throws Exception {
        Result demo = dist.idle(work, "demo");

        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.out()).contains("Demo Joiner (Joiner) -> Completed", "Demo Leaver (Leaver) -> Completed",
                "Running the Leaver again: nothing is left to change.");
    }

    @Test
    void confSamplesValidateAgainstEachOther() throws Exception {
        Result valid = dist.idle(dist.home(), "validate", "conf/leaver.yaml", "--host", "conf/host.yaml",
                "--request", "conf/request-leaver.json");

        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(valid.out()).contains("valid: Leaver - standard (3 steps; 3 applicable to the request)");
    }

    @Test
    void aPluginJarInPluginsAddsItsStepTypeAndProviderType(@TempDir Path own) throws Exception {
        UnpackedDistribution fresh = UnpackedDistribution.unpack(TAR_GZ, own);
        Path workflow = EXAMPLE_DIR.resolve("leaver-wiki.yaml");
        Path host = EXAMPLE_DIR.resolve("host.yaml");

        Result without = fresh.idle(work, "validate", workflow.toString());
        assertThat(without.exitCode()).as(without.toString()).isEqualTo(2);
        assertThat(without.err()).contains("unknown step type '" + EXAMPLE_STEP_TYPE + "'");

        Files.copy(EXAMPLE_JAR, fresh.home().resolve("plugins").resolve(EXAMPLE_JAR.getFileName()));
        Result with = fresh.idle(work, "validate", workflow.toString());
        assertThat(with.exitCode()).as(with.toString()).isZero();
        assertThat(with.out()).contains("valid: Leaver - wiki (2 steps)");

        // the host file's provider type 'acme-wiki' comes from the same jar, and the step runs on it
        Result withHost = fresh.idle(work, "validate", workflow.toString(), "--host", host.toString());
        assertThat(withHost.exitCode()).as(withHost.toString()).isZero();
        assertThat(withHost.out()).contains("valid: Leaver - wiki (2 steps)");
        Result run = fresh.idle(work, "invoke", "--workflow", workflow.toString(), "--host", host.toString(),
                "--request", EXAMPLE_DIR.resolve("request.json").toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"type\": \"AcmeWiki.SpaceArchived\"");
    }

    @Test
    void launcherFollowsASymbolicLinkAndFindsJavaOnPathWithoutJavaHome() throws Exception {
        Path link = Files.createSymbolicLink(work.resolve("idle"), dist.home().resolve("bin/idle"));
        String path = Path.of(UnpackedDistribution.javaHome(), "bin") + ":/usr/bin:/bin";

        Result version = dist.launch(link, work, Map.of("PATH", path), "--version");

        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.out()).startsWith("idle " + VERSION);
    }

    @Test
    void launcherWithoutJavaSaysHowToGetOne() throws Exception {
        // a PATH with the tools the script uses and no java
        Path tools = Files.createDirectory(work.resolve("tools"));
        for (String tool : List.of("dirname", "uname", "readlink")) {
            Files.createSymbolicLink(tools.resolve(tool), onPath(tool));
        }
        Path idle = dist.home().resolve("bin/idle");

        Result noJava = dist.launch(idle, work, Map.of("PATH", tools.toString()), "--version");
        Result badHome = dist.launch(idle, work, Map.of("JAVA_HOME", work.resolve("no-jdk").toString()), "--version");

        assertThat(noJava.exitCode()).as(noJava.toString()).isEqualTo(1);
        assertThat(noJava.err()).isEqualTo("idle: no java found: set JAVA_HOME or put Java 17+ on PATH\n");
        assertThat(badHome.exitCode()).as(badHome.toString()).isEqualTo(1);
        assertThat(badHome.err()).contains("idle: JAVA_HOME is set to '" + work.resolve("no-jdk") + "'")
                .contains("point JAVA_HOME at a Java 17+ installation");
    }

    @Test
    void launcherPassesIdleJavaOptsToTheJvm() throws Exception {
        // an option the JVM acts on visibly: a wrong one makes it refuse to start
        Result refused = dist.launch(dist.home().resolve("bin/idle"), work,
                Map.of("JAVA_HOME", UnpackedDistribution.javaHome(), "IDLE_JAVA_OPTS", "-Xms1m -XX:NoSuchOption"),
                "--version");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("NoSuchOption");
    }

    @Test
    void zipHoldsTheSameFilesAsTheTarGz() throws Exception {
        Map<String, Long> inZip = new TreeMap<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> inZip.put(e.getName(), e.getSize()));
        }
        Map<String, Long> inTar = new TreeMap<>();
        Path top = dist.home().getParent();
        try (Stream<Path> files = Files.walk(dist.home())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                inTar.put(top.relativize(file).toString().replace('\\', '/'), Files.size(file));
            }
        }

        assertThat(inZip).as("names and sizes").isEqualTo(inTar);
    }

    @Test
    void eachChecksumFileMatchesItsArchive() throws Exception {
        for (Path archive : List.of(TAR_GZ, ZIP)) {
            Path sums = archive.resolveSibling(archive.getFileName() + ".sha256");
            assertThat(Files.readString(sums).strip())
                    .isEqualTo(sha256(archive) + "  " + archive.getFileName());
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(command + " is not on PATH");
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
