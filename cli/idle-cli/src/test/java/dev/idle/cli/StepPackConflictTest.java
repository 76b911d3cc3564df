package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import dev.idle.spi.StepResult;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party jar that brings a second handler for a built-in step type stops the CLI before anything runs: exit 1
 * with one line naming the step type and both handler classes, no stack trace. The CLI runs in a class loader of its
 * own, so the extra {@code META-INF/services} entry is seen by this test only.
 */
class StepPackConflictTest {
    /** Claims the built-in EmitEvent type a second time. */
    public static final class ShadowEmitEvent implements Step {
        @Override
        public String type() {
            return "IdLE.Step.EmitEvent";
        }

        @Override
        public StepResult execute(StepContext context) {
            return StepResult.changed(false);
        }
    }

    /** The third-party pack that brings {@link ShadowEmitEvent}. */
    public static final class ShadowPack implements StepPack {
        @Override
        public String name() {
            return "Shadow.Steps";
        }

        @Override
        public List<StepMetadata> catalog() {
            return List.of();
        }

        @Override
        public List<Step> steps() {
            return List.of(new ShadowEmitEvent());
        }
    }

    @TempDir
    Path dir;

    @Test
    void aSecondHandlerForABuiltInStepTypeStopsTheCliWithExitOneNamingBothClasses() throws Exception {
        Path services = dir.resolve("plugin/META-INF/services/" + StepPack.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, ShadowPack.class.getName() + "\n");
        Path workflow = Files.writeString(dir.resolve("w.psd1"),
                "@{ Name = 'W'; LifecycleEvent = 'Joiner'; Steps = @( @{ Name = 'Say'; Type = 'IdLE.Step.EmitEvent' } ) }");

        CliRun run = runIsolated(dir.resolve("plugin"), "validate", workflow.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(IdleCli.INTERNAL_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("DuplicateStepHandler: Step type 'IdLE.Step.EmitEvent' has two handlers: ")
                .contains("dev.idle.steps.EmitEventStep (").contains(" in pack 'IdLE.Steps.Common'")
                .contains(ShadowEmitEvent.class.getName() + " (").contains(" in pack 'Shadow.Steps'")
                .contains("Run again with --debug for the stack trace.")
                .doesNotContain("\tat ");
    }

    /** Runs {@link IdleCli#execute} in a fresh class loader over the test class path plus {@code extra}. */
    private static CliRun runIsolated(Path extra, String... args) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(extra.toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Method execute = loader.loadClass(IdleCli.class.getName())
                    .getMethod("execute", String[].class, PrintWriter.class, PrintWriter.class);
            int code = (int) execute.invoke(null, args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new CliRun(code, out.toString(), err.toString());
        }
    }
}
