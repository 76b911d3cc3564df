package dev.idle.provider.mock;

import dev.idle.api.AtomicFiles;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates {@link MockProvider}s from host-file entries with {@code type: mock}. Options (keys case-insensitive):
 * <ul>
 *   <li>{@code stateFile}: JSON state file, relative to the host file's folder; loaded now, written back atomically
 *       on close. Aliases naming the same file share one store.</li>
 *   <li>{@code identities}: initial identities in the state-file shape, for an in-memory store.</li>
 *   <li>{@code capabilities}: the capability ids to advertise (default: the whole catalog).</li>
 *   <li>{@code failOn}: {@code {Method: count}}, transient failures; {@code failPermanentlyOn}: {@code [Method]}.</li>
 *   <li>{@code identityKeyAttribute}, {@code autoCreate}, {@code protectedEntitlementIds}: see {@link MockProvider}.</li>
 *   <li>{@code syncPollsUntilIdle}: polls a started directory sync cycle stays in progress (default 0).</li>
 * </ul>
 */
public final class MockProviderFactory implements ProviderFactory {
    static final List<String> OPTIONS = List.of("stateFile", "capabilities", "failOn", "failPermanentlyOn",
            "identityKeyAttribute", "autoCreate", "protectedEntitlementIds", "identities", "syncPollsUntilIdle");

    private static final String SHARED_KEY_PREFIX = MockProviderFactory.class.getName() + ":stateFile:";

    @Override
    public String type() {
        return "mock";
    }

    @Override
    public Provider create(String alias, DataMap options, Environment env) {
        DataMap opts = options == null ? new DataMap() : options;
        rejectUnknownOptions(alias, opts);
        MockProviderBuilder builder = MockProvider.builder();
        if (opts.containsKey("capabilities")) {
            builder.capabilities(strings(opts.get("capabilities"), "capabilities"));
        }
        if (opts.get("failOn") != null) {
            failOn(opts.get("failOn")).forEach(builder::failOn);
        }
        if (opts.get("failPermanentlyOn") != null) {
            builder.failPermanentlyOn(strings(opts.get("failPermanentlyOn"), "failPermanentlyOn").toArray(String[]::new));
        }
        if (opts.get("identityKeyAttribute") != null) {
            builder.identityKeyAttribute(string(opts.get("identityKeyAttribute"), "identityKeyAttribute"));
        }
        if (opts.get("autoCreate") != null) {
            builder.autoCreate(bool(opts.get("autoCreate")));
        }
        if (opts.get("protectedEntitlementIds") != null) {
            builder.protectedEntitlementIds(
                    strings(opts.get("protectedEntitlementIds"), "protectedEntitlementIds").toArray(String[]::new));
        }
        if (opts.get("syncPollsUntilIdle") != null) {
            builder.syncPollsUntilIdle(wholeNumber(opts.get("syncPollsUntilIdle"), "syncPollsUntilIdle"));
        }
        Object stateFile = opts.get("stateFile");
        if (stateFile == null) {
            MockStateCodec.readIdentities(opts.get("identities"), "Mock provider '" + alias + "' option identities",
                    builder.store());
            return builder.build();
        }
        if (opts.get("identities") != null) {
            throw new IllegalArgumentException("Mock provider '" + alias
                    + "': options 'stateFile' and 'identities' cannot be combined; put the identities in the state file.");
        }
        Path path = env.baseDirectory().resolve(string(stateFile, "stateFile")).toAbsolutePath().normalize();
        return builder.build(sharedBackend(path, env));
    }

    /** One backend per state file and host, so two aliases on one file see each other's changes. */
    private static MockBackend sharedBackend(Path path, Environment env) {
        Map<String, Object> shared = env.shared();
        synchronized (shared) {
            String key = SHARED_KEY_PREFIX + path;
            Object existing = shared.get(key);
            if (existing instanceof MockBackend backend) {
                return backend;
            }
            // a run killed while saving leaves a temp file; the next run clears it even when it changes nothing
            AtomicFiles.removeAbandonedTempFiles(path);
            MockStateFile file = new MockStateFile(path, AtomicFiles.ATOMIC_RENAME);
            MockBackend backend = new MockBackend(file.load(), file);
            shared.put(key, backend);
            return backend;
        }
    }

    private static void rejectUnknownOptions(String alias, DataMap opts) {
        for (String key : opts.keySet()) {
            if (!key.equalsIgnoreCase("type") && OPTIONS.stream().noneMatch(key::equalsIgnoreCase)) {
                throw new IllegalArgumentException("Mock provider '" + alias + "': unknown option '" + key
                        + "'. Supported options: " + String.join(", ", OPTIONS) + ".");
            }
        }
    }

    private static Map<String, Integer> failOn(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("Mock provider option 'failOn' must map method names to counts.");
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        m.forEach((method, count) -> result.put(String.valueOf(method), count(String.valueOf(method), count)));
        return result;
    }

    private static int count(String method, Object count) {
        try {
            if (count instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return Math.toIntExact(n.longValue());
            }
            if (count instanceof String s) {
                return Integer.parseInt(s.trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("Mock provider option 'failOn': the count for '" + method
                + "' must be a whole number, got '" + Values.ps(count) + "'.");
    }

    private static int wholeNumber(Object value, String option) {
        try {
            if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return Math.toIntExact(n.longValue());
            }
            if (value instanceof String s) {
                return Integer.parseInt(s.trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("Mock provider option '" + option + "' must be a whole number, got '"
                + Values.ps(value) + "'.");
    }

    private static List<String> strings(Object value, String option) {
        if (value instanceof String s) {
            return List.of(s);
        }
        if (!(value instanceof Collection<?> c)) {
            throw new IllegalArgumentException("Mock provider option '" + option + "' must be a list of strings.");
        }
        List<String> result = new ArrayList<>();
        c.forEach(item -> result.add(string(item, option)));
        return result;
    }

    private static String string(Object value, String option) {
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException("Mock provider option '" + option + "' must be a non-empty string, got '"
                + Values.ps(value) + "'.");
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.trim());
        }
        throw new IllegalArgumentException("Mock provider option 'autoCreate' must be true or false, got '"
                + Values.ps(value) + "'.");
    }
}
