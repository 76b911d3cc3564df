package dev.idle.internal.catalog;

import static dev.idle.testing.TestPacks.anyWith;
import static dev.idle.testing.TestPacks.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building the catalog from step packs: lookups, and the refusals that keep a step type unambiguous. */
class StepCatalogTest {
    private static final String TYPE = "Acme.Step.Notify";

    /** The handler the first pack brings. */
    public static final class FirstNotify implements Step {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public StepResult execute(StepContext context) {
            return StepResult.changed(false);
        }
    }

    /** A second handler for the same type; the tests load it from a jar of its own, as a third-party pack would. */
    public static final class SecondNotify implements Step {
        @Override
        public String type() {
            return "acme.step.NOTIFY";
        }

        @Override
        public StepResult execute(StepContext context) {
            return StepResult.changed(true);
        }
    }

    @TempDir
    Path dir;

    @Test
    void handlersAndMetadataAreFoundIgnoringCase() {
        StepCatalog catalog = StepCatalog.of(List.of(pack("Acme.Steps", List.of(anyWith(TYPE)),
                List.of(new FirstNotify()))));

        assertThat(catalog.handler("ACME.STEP.NOTIFY")).isInstanceOf(FirstNotify.class);
        assertThat(catalog.metadata("acme.step.notify").type()).isEqualTo(TYPE);
        assertThat(catalog.handler("Acme.Step.Other")).isNull();
        assertThat(catalog.handler(null)).isNull();
    }

    @Test
    void secondHandlerForAStepTypeIsRefusedNamingBothClassesAndJars() throws Exception {
        Path jar = jarWith(SecondNotify.class, dir.resolve("acme-notify.jar"));
        Step second = loadFromJar(SecondNotify.class, jar);

        assertThatThrownBy(() -> StepCatalog.of(List.of(
                pack("Acme.Steps", List.of(anyWith(TYPE)), List.of(new FirstNotify())),
                pack("Zeta.Steps", List.of(), List.of(second)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DuplicateStepHandler: Step type 'acme.step.NOTIFY' has two handlers: ")
                .hasMessageContaining(FirstNotify.class.getName() + " (" + locationOf(FirstNotify.class) + ")"
                        + " in pack 'Acme.Steps'")
                .hasMessageContaining(SecondNotify.class.getName() + " (" + jar.toUri().toURL() + ")"
                        + " in pack 'Zeta.Steps'")
                .hasMessageContaining("acme-notify.jar");
    }

    @Test
    void secondHandlerIsRefusedWhateverTheOrderThePacksAreGivenIn() {
        List<Step> first = List.of(new FirstNotify());
        List<Step> second = List.of(new SecondNotify());

        assertThatThrownBy(() -> StepCatalog.of(List.of(pack("Zeta.Steps", List.of(), second),
                pack("Acme.Steps", List.of(anyWith(TYPE)), first))))
                .hasMessageContaining("in pack 'Acme.Steps' and " + SecondNotify.class.getName());
    }

    @Test
    void twoHandlersForOneTypeInTheSamePackAreRefused() {
        assertThatThrownBy(() -> StepCatalog.of(List.of(pack("Acme.Steps", List.of(anyWith(TYPE)),
                List.of(new FirstNotify(), new SecondNotify())))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DuplicateStepHandler")
                .hasMessageContaining(FirstNotify.class.getName())
                .hasMessageContaining(SecondNotify.class.getName());
    }

    @Test
    void handlerFromAClassWithoutACodeLocationIsNamedWithUnknownLocation() throws Exception {
        Step nowhere = defineWithoutLocation(SecondNotify.class);

        assertThatThrownBy(() -> StepCatalog.of(List.of(pack("Acme.Steps", List.of(),
                List.of(new FirstNotify(), nowhere)))))
                .hasMessageContaining(SecondNotify.class.getName() + " (unknown location)");
    }

    @Test
    void sameTypeInTwoCatalogsIsRefusedNamingBothPacks() {
        assertThatThrownBy(() -> StepCatalog.of(List.of(pack("Acme.Steps", List.of(anyWith(TYPE)), List.of()),
                pack("Zeta.Steps", List.of(anyWith("ACME.STEP.NOTIFY")), List.of()))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DuplicateStepTypeMetadata: Step type 'ACME.STEP.NOTIFY' is defined in both 'Acme.Steps'"
                        + " and 'Zeta.Steps'.");
    }

    @Test
    void metadataWithoutAHandlerIsAllowedAndHasNoHandler() {
        StepCatalog catalog = StepCatalog.of(List.of(pack("Acme.Steps", List.of(anyWith(TYPE)), List.of())));

        assertThat(catalog.allMetadata()).extracting(StepMetadata::type).containsExactly(TYPE);
        assertThat(catalog.handler(TYPE)).isNull();
    }

    private static String locationOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().toString();
    }

    /** Writes a jar holding only {@code type}'s class file. */
    private static Path jarWith(Class<?> type, Path jar) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry(entry));
            jarOut.write(classBytes(type));
            jarOut.closeEntry();
        }
        return jar;
    }

    /** A fresh copy of {@code type} loaded from {@code jar}; every other class comes from the test's loader. */
    private static Step loadFromJar(Class<?> type, Path jar) throws Exception {
        ClassLoader hidingType = new ClassLoader(StepCatalogTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(type.getName())) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, hidingType);
        Class<?> copy = loader.loadClass(type.getName());
        assertThat(copy).isNotSameAs(type);
        return (Step) copy.getDeclaredConstructor().newInstance();
    }

    /** A fresh copy of {@code type} defined from bytes, with no code location (as some plug-in loaders do). */
    private static Step defineWithoutLocation(Class<?> type) throws Exception {
        byte[] bytes = classBytes(type);
        ClassLoader loader = new ClassLoader(StepCatalogTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(type.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> done = findLoadedClass(name);
                        return done != null ? done : defineClass(name, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        return (Step) loader.loadClass(type.getName()).getDeclaredConstructor().newInstance();
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
