package dev.idle.internal.catalog;

import dev.idle.spi.Step;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Step metadata and handlers from every {@link StepPack}, looked up by step type case-insensitively. Packs are
 * validated when the catalog is built: a type defined by two packs, a second handler for a type (in any pack; the
 * message names both classes and the jars they came from), an invalid capability id, a {@code *} in a schema or a
 * key that is both required and optional is rejected with an {@link IllegalStateException}.
 */
public final class StepCatalog {
    static final Pattern CAPABILITY = Pattern.compile("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+$");

    private final Map<String, StepMetadata> metadata = new LinkedHashMap<>();
    private final Map<String, String> owner = new LinkedHashMap<>();
    private final Map<String, Step> handlers = new LinkedHashMap<>();
    private final Map<String, String> handlerOwner = new LinkedHashMap<>();

    /** The packs found on the class path by {@link ServiceLoader}. */
    public static StepCatalog discover() {
        List<StepPack> packs = new ArrayList<>();
        ServiceLoader.load(StepPack.class, StepCatalog.class.getClassLoader()).forEach(packs::add);
        if (packs.isEmpty()) {
            ServiceLoader.load(StepPack.class).forEach(packs::add);
        }
        return of(packs);
    }

    public static StepCatalog of(List<StepPack> packs) {
        StepCatalog catalog = new StepCatalog();
        List<StepPack> sorted = new ArrayList<>(packs);
        sorted.sort(Comparator.comparing(StepPack::name, String.CASE_INSENSITIVE_ORDER));
        for (StepPack pack : sorted) {
            catalog.add(pack);
        }
        return catalog;
    }

    private void add(StepPack pack) {
        for (StepMetadata m : pack.catalog()) {
            String key = fold(m.type());
            if (metadata.containsKey(key)) {
                throw new IllegalStateException("DuplicateStepTypeMetadata: Step type '" + m.type()
                        + "' is defined in both '" + owner.get(key) + "' and '" + pack.name() + "'.");
            }
            validate(m, pack.name());
            metadata.put(key, m);
            owner.put(key, pack.name());
        }
        for (Step s : pack.steps()) {
            String key = fold(s.type());
            Step first = handlers.get(key);
            if (first != null) {
                throw new IllegalStateException("DuplicateStepHandler: Step type '" + s.type()
                        + "' has two handlers: " + describe(first) + " in pack '" + handlerOwner.get(key) + "' and "
                        + describe(s) + " in pack '" + pack.name() + "'. A step type may have only one handler.");
            }
            handlers.put(key, s);
            handlerOwner.put(key, pack.name());
        }
    }

    /** The handler's class and the jar (or folder) it was loaded from, e.g. {@code a.B (file:/lib/b.jar)}. */
    private static String describe(Step handler) {
        return handler.getClass().getName() + " (" + locationOf(handler.getClass()) + ")";
    }

    private static String locationOf(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? "unknown location"
                    : source.getLocation().toString();
        } catch (SecurityException e) {
            return "unknown location";
        }
    }

    private static void validate(StepMetadata m, String pack) {
        for (String c : m.requiredCapabilities()) {
            if (!CAPABILITY.matcher(c.trim()).matches()) {
                throw new IllegalStateException("Step pack '" + pack + "': step type '" + m.type()
                        + "' declares invalid capability '" + c + "'.");
            }
        }
        for (String k : m.requiredKeys()) {
            if (k.isBlank() || k.contains("*")) {
                throw new IllegalStateException("Step pack '" + pack + "': WithSchema.RequiredKeys of '" + m.type()
                        + "' must name real keys (no blanks, no '*').");
            }
            if (m.optionalKeys().stream().anyMatch(k::equalsIgnoreCase)) {
                throw new IllegalStateException("Step pack '" + pack + "': WithSchema of '" + m.type()
                        + "' lists '" + k + "' as both required and optional.");
            }
        }
    }

    /** Null when no pack defines the type. */
    public StepMetadata metadata(String type) {
        return type == null ? null : metadata.get(fold(type));
    }

    /** Null when the type has no handler. */
    public Step handler(String type) {
        return type == null ? null : handlers.get(fold(type));
    }

    public List<StepMetadata> allMetadata() {
        return List.copyOf(metadata.values());
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
