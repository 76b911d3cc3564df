package dev.idle.provider.mock;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.Entitlement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts between a {@link MockStore} and its data-tree form, the state-file shape of {@code cli-contract.md}:
 * <pre>
 * { "identities": { "jdoe": { "enabled", "attributes", "entitlements": [{kind,id}], "sessions": [{id,client}],
 *                             "container", "mailbox" } },
 *   "directorySync": { "status", "lastRunUtc" } }
 * </pre>
 * Keys are read case-insensitively and written in camelCase, in the order above. {@code container}, {@code mailbox}
 * and {@code directorySync} are written only when set, so a file that leaves them out round-trips unchanged.
 * A {@code mailbox} ({@code type}, {@code outOfOffice}, {@code permissions}) is checked when read (see
 * {@link MockMailboxes#validate}) and otherwise kept as written; directory-sync contents are kept as written, and
 * the mock writes {@code status} and {@code lastRunUtc} when a sync cycle starts.
 */
final class MockStateCodec {
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("identities", "directorySync");
    private static final List<String> IDENTITY_KEYS =
            List.of("enabled", "attributes", "entitlements", "sessions", "container", "mailbox");

    private MockStateCodec() {
    }

    /** Reads a whole state document; {@code where} names the source in error messages. */
    static MockStore readState(Object tree, String where) {
        DataMap root = map(tree, where);
        for (String key : root.keySet()) {
            if (TOP_LEVEL_KEYS.stream().noneMatch(key::equalsIgnoreCase)) {
                throw unknownKey(where, key, List.of("identities", "directorySync"));
            }
        }
        MockStore store = new MockStore();
        readIdentities(root.get("identities"), where + ".identities", store);
        Object sync = root.get("directorySync");
        if (sync != null) {
            store.directorySync(map(sync, where + ".directorySync"));
        }
        return store;
    }

    /** Adds the identities of an {@code identities} map (null means none) to {@code store}. */
    static void readIdentities(Object tree, String where, MockStore store) {
        if (tree == null) {
            return;
        }
        map(tree, where).forEach((key, value) -> store.put(key, readIdentity(value, where + "." + key)));
    }

    private static MockIdentity readIdentity(Object tree, String where) {
        DataMap m = tree == null ? new DataMap() : map(tree, where);
        for (String key : m.keySet()) {
            if (IDENTITY_KEYS.stream().noneMatch(key::equalsIgnoreCase)) {
                throw unknownKey(where, key, IDENTITY_KEYS);
            }
        }
        MockIdentity identity = new MockIdentity();
        Object enabled = m.get("enabled");
        if (enabled != null && !(enabled instanceof Boolean)) {
            throw new IllegalArgumentException(where + ".enabled must be true or false, not '" + Values.ps(enabled) + "'.");
        }
        identity.enabled(enabled == null || (Boolean) enabled);
        if (m.get("attributes") != null) {
            identity.attributes().putAll(Values.deepCopyMap(map(m.get("attributes"), where + ".attributes")));
        }
        int i = 0;
        for (Object item : list(m.get("entitlements"), where + ".entitlements")) {
            DataMap e = map(item, where + ".entitlements[" + i++ + "]");
            identity.entitlements().add(Entitlement.of(requiredString(e, "kind", where), requiredString(e, "id", where)));
        }
        i = 0;
        for (Object item : list(m.get("sessions"), where + ".sessions")) {
            DataMap s = map(item, where + ".sessions[" + i++ + "]");
            identity.sessions().add(new MockSession(requiredString(s, "id", where), s.getString("client")));
        }
        identity.container(m.getString("container"));
        if (m.get("mailbox") != null) {
            DataMap mailbox = Values.deepCopyMap(map(m.get("mailbox"), where + ".mailbox"));
            MockMailboxes.validate(mailbox, where + ".mailbox");
            identity.mailbox(mailbox);
        }
        return identity;
    }

    /** The data-tree form of {@code store}, with plain ordered maps so a JSON writer keeps the key order. */
    static Map<String, Object> writeState(MockStore store) {
        Map<String, Object> identities = new LinkedHashMap<>();
        store.snapshot().forEach((key, identity) -> identities.put(key, writeIdentity(identity)));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("identities", identities);
        DataMap sync = store.directorySync();
        if (sync != null) {
            root.put("directorySync", sync);
        }
        return root;
    }

    private static Map<String, Object> writeIdentity(MockIdentity identity) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", identity.enabled());
        m.put("attributes", identity.attributes());
        List<Object> entitlements = new ArrayList<>();
        identity.entitlements().forEach(e -> {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("kind", e.kind());
            em.put("id", e.id());
            entitlements.add(em);
        });
        m.put("entitlements", entitlements);
        List<Object> sessions = new ArrayList<>();
        identity.sessions().forEach(s -> {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("id", s.id());
            sm.put("client", s.client());
            sessions.add(sm);
        });
        m.put("sessions", sessions);
        if (identity.container() != null) {
            m.put("container", identity.container());
        }
        if (identity.mailbox() != null) {
            m.put("mailbox", identity.mailbox());
        }
        return m;
    }

    private static DataMap map(Object value, String where) {
        if (value instanceof Map<?, ?> m) {
            DataMap copy = new DataMap();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        throw new IllegalArgumentException(where + " must be an object.");
    }

    private static Collection<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> c) {
            return c;
        }
        throw new IllegalArgumentException(where + " must be a list.");
    }

    private static String requiredString(DataMap m, String key, String where) {
        String s = m.getString(key);
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(where + ": every entry needs a non-empty '" + key + "'.");
        }
        return s;
    }

    private static IllegalArgumentException unknownKey(String where, String key, Collection<String> supported) {
        return new IllegalArgumentException(
                where + ": unknown key '" + key + "'. Supported keys: " + String.join(", ", supported) + ".");
    }
}
