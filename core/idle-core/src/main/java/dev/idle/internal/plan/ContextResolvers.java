package dev.idle.internal.plan;

import dev.idle.internal.catalog.Capabilities;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Providers;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.internal.redact.RevealedSecrets;
import dev.idle.internal.template.TemplateResolver;
import dev.idle.spi.AuthSession;
import dev.idle.spi.AuthSessionBroker;
import dev.idle.spi.Capability;
import dev.idle.spi.Entitlement;
import dev.idle.spi.EntitlementLister;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderMethods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Plan-time context resolvers: read-only provider lookups whose results are written into the request context under
 * {@code Context.Providers.<alias>.<sessionKey>.Identity.*}, then merged into the four {@code Context.Views} scopes
 * (global, per provider, per session, per provider and session) so that conditions can read them.
 */
final class ContextResolvers {
    static final String ENTITLEMENT_LIST = Capability.ENTITLEMENT_LIST.id();
    static final String IDENTITY_READ = Capability.IDENTITY_READ.id();
    private static final Pattern SEGMENT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");

    private final Providers providers;

    ContextResolvers(Providers providers) {
        this.providers = providers;
    }

    /** Runs each resolver in order; later resolvers may read what earlier ones wrote. Problems go to {@code errors}. */
    void run(List<?> resolvers, LifecycleRequest request, List<String> errors) {
        for (int i = 0; i < resolvers.size(); i++) {
            String at = "ContextResolvers[" + i + "]";
            try {
                resolve(at, (DataMap) resolvers.get(i), request, errors);
            } catch (RuntimeException e) {
                errors.add(e.getMessage());
            }
        }
    }

    private void resolve(String at, DataMap entry, LifecycleRequest request, List<String> errors) {
        String capability = entry.getString("Capability").trim();
        String kind = capability.equalsIgnoreCase(ENTITLEMENT_LIST) ? ENTITLEMENT_LIST
                : capability.equalsIgnoreCase(IDENTITY_READ) ? IDENTITY_READ : null;
        if (kind == null) {
            throw new IllegalArgumentException(at + ": ContextResolver capability '" + capability
                    + "' is not in the read-only allow-list. Allowed capabilities: " + ENTITLEMENT_LIST + ", "
                    + IDENTITY_READ + ".");
        }
        List<String> templateErrors = new ArrayList<>();
        Object resolved = TemplateResolver.resolveTree(Values.deepCopyMap(entry.getMap("With")), request.toData(), at,
                templateErrors);
        if (!templateErrors.isEmpty()) {
            errors.addAll(templateErrors);
            return;
        }
        // The resolver calls its provider now: secrets read by templates go to it as their text.
        DataMap with = (DataMap) RevealedSecrets.of(resolved);
        String alias = selectProvider(at, kind, with);
        requireSegment(at, alias, "provider alias");
        String sessionKey = "Default";
        AuthSession session = null;
        String sessionName = with.getString("AuthSessionName");
        if (sessionName != null && !sessionName.isBlank()) {
            sessionKey = sessionName;
            requireSegment(at, sessionKey, "AuthSessionName");
            session = acquire(at, sessionName, with.get("AuthSessionOptions"));
        }
        String identityKey = with.getString("IdentityKey");
        if (identityKey == null || identityKey.isBlank()) {
            throw new IllegalArgumentException(at + ": capability '" + kind + "' requires With.IdentityKey.");
        }
        Provider provider = providers.get(alias);
        Object value;
        try {
            value = kind.equals(ENTITLEMENT_LIST) ? listEntitlements(provider, alias, identityKey, session, sessionKey)
                    : readProfile(provider, alias, identityKey, session, sessionKey);
        } catch (RuntimeException e) {
            throw new IllegalStateException(at + ": Provider '" + alias + "' failed while resolving capability '"
                    + kind + "'. " + e.getMessage(), e);
        }
        DataMap context = request.context();
        setPath(context, List.of("Providers", alias, sessionKey, "Identity", leaf(kind)), value);
        rebuildViews(context, kind);
    }

    private String selectProvider(String at, String capability, DataMap with) {
        String explicit = with.getString("Provider");
        if (explicit != null && !explicit.isBlank()) {
            if (!providers.has(explicit)) {
                throw new IllegalArgumentException(at + " references provider '" + explicit
                        + "' but no provider with that alias was found in the Providers map.");
            }
            return explicit;
        }
        List<String> candidates = new ArrayList<>();
        for (String alias : providers.aliases()) {
            if (Capabilities.normalise(providers.get(alias).capabilities()).stream()
                    .anyMatch(capability::equalsIgnoreCase)) {
                candidates.add(alias);
            }
        }
        if (candidates.size() > 1) {
            throw new IllegalArgumentException(at + ": Multiple providers advertise capability '" + capability + "': "
                    + String.join(", ", candidates) + ". Specify 'With.Provider' in the ContextResolver to"
                    + " disambiguate.");
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(at + " requires capability '" + capability
                    + "' but no provider in the Providers map advertises it.");
        }
        return candidates.get(0);
    }

    private AuthSession acquire(String at, String name, Object options) {
        if (options != null && !(options instanceof DataMap)) {
            throw new IllegalArgumentException(at + ": With.AuthSessionOptions must be a hashtable or null.");
        }
        AuthSessionBroker broker = providers.broker();
        if (broker == null) {
            throw new IllegalArgumentException(at + " specifies With.AuthSessionName '" + name
                    + "' but no AuthSessionBroker was found in Providers.");
        }
        try {
            return broker.acquire(name, options == null ? new DataMap() : (DataMap) Values.deepCopy(options));
        } catch (RuntimeException e) {
            throw new IllegalStateException(at + ": " + e.getMessage(), e);
        }
    }

    private static List<Object> listEntitlements(Provider provider, String alias, String identityKey,
                                                 AuthSession session, String sessionKey) {
        if (!(provider instanceof EntitlementLister lister)) {
            throw new UnsupportedOperationException("Provider '" + alias + "' does not implement "
                    + ProviderMethods.LIST_ENTITLEMENTS + " method.");
        }
        List<Entitlement> items = lister.listEntitlements(identityKey,
                provider.acceptsAuthSession(ProviderMethods.LIST_ENTITLEMENTS) ? session : null);
        List<Object> out = new ArrayList<>();
        if (items != null) {
            for (Entitlement e : items) {
                if (e != null) {
                    out.add(annotate(e.toData(), alias, sessionKey));
                }
            }
        }
        return out;
    }

    private static DataMap readProfile(Provider provider, String alias, String identityKey, AuthSession session,
                                       String sessionKey) {
        if (!(provider instanceof IdentityReader reader)) {
            throw new UnsupportedOperationException("Provider '" + alias + "' does not implement "
                    + ProviderMethods.GET_IDENTITY + " method.");
        }
        Identity identity = reader.getIdentity(identityKey,
                provider.acceptsAuthSession(ProviderMethods.GET_IDENTITY) ? session : null);
        return identity == null ? null : annotate((DataMap) Values.deepCopy(identity.toData()), alias, sessionKey);
    }

    private static DataMap annotate(DataMap item, String alias, String sessionKey) {
        item.put("SourceProvider", alias);
        item.put("SourceAuthSessionName", sessionKey);
        return item;
    }

    private static String leaf(String kind) {
        return kind.equals(ENTITLEMENT_LIST) ? "Entitlements" : "Profile";
    }

    private static void requireSegment(String at, String value, String what) {
        if (!SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException(at + ": " + what + " '" + value + "' is not a valid context path"
                    + " segment (letters, digits, '_' and '-', at most 64 characters, no dots).");
        }
    }

    /** Sets a value under {@code Context}, creating missing maps; an existing non-map intermediate node is an error. */
    static void setPath(DataMap root, List<String> segments, Object value) {
        DataMap node = root;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.size() - 1; i++) {
            String seg = segments.get(i);
            path.append(path.length() == 0 ? "" : ".").append(seg);
            Object next = node.get(seg);
            if (next == null) {
                DataMap created = new DataMap();
                node.put(seg, created);
                node = created;
            } else if (next instanceof DataMap m) {
                node = m;
            } else {
                throw new IllegalStateException("Cannot set context path '" + String.join(".", segments)
                        + "': intermediate node '" + seg + "' is of type '" + next.getClass().getSimpleName()
                        + "', expected a hashtable.");
            }
        }
        node.put(segments.get(segments.size() - 1), value);
    }

    /**
     * Rewrites every view of one capability from {@code Context.Providers}, in sorted alias and session order: lists
     * are merged, profiles take the last non-null one. Views are always written, so a stale view is overwritten.
     */
    static void rebuildViews(DataMap context, String kind) {
        if (!(context.get("Providers") instanceof DataMap byAlias)) {
            return;
        }
        boolean list = kind.equals(ENTITLEMENT_LIST);
        String leaf = leaf(kind);
        List<Object> all = new ArrayList<>();
        Object lastProfile = null;
        Map<String, List<Object>> perSessionItems = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, Object> perSessionProfile = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String alias : sorted(byAlias)) {
            if (!(byAlias.get(alias) instanceof DataMap bySession)) {
                continue;
            }
            List<Object> aliasItems = new ArrayList<>();
            Object aliasProfile = null;
            for (String key : sorted(bySession)) {
                if (!(bySession.get(key) instanceof DataMap node)) {
                    continue;
                }
                Object value = node.get("Identity") instanceof DataMap id ? id.get(leaf) : null;
                perSessionItems.computeIfAbsent(key, k -> new ArrayList<>());
                perSessionProfile.putIfAbsent(key, null);
                if (list) {
                    List<Object> items = value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
                    aliasItems.addAll(items);
                    perSessionItems.get(key).addAll(items);
                    setPath(context, List.of("Views", "Providers", alias, "Sessions", key, "Identity", leaf), items);
                } else {
                    if (value != null) {
                        aliasProfile = value;
                        perSessionProfile.put(key, value);
                    }
                    setPath(context, List.of("Views", "Providers", alias, "Sessions", key, "Identity", leaf), value);
                }
            }
            if (list) {
                all.addAll(aliasItems);
                setPath(context, List.of("Views", "Providers", alias, "Identity", leaf), aliasItems);
            } else {
                if (aliasProfile != null) {
                    lastProfile = aliasProfile;
                }
                setPath(context, List.of("Views", "Providers", alias, "Identity", leaf), aliasProfile);
            }
        }
        for (String key : perSessionItems.keySet()) {
            setPath(context, List.of("Views", "Sessions", key, "Identity", leaf),
                    list ? perSessionItems.get(key) : perSessionProfile.get(key));
        }
        setPath(context, List.of("Views", "Identity", leaf), list ? all : lastProfile);
    }

    private static List<String> sorted(DataMap m) {
        List<String> keys = new ArrayList<>(m.keySet());
        keys.sort(String.CASE_INSENSITIVE_ORDER);
        return keys;
    }
}
