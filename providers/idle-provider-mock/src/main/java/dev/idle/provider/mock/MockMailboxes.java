package dev.idle.provider.mock;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.EventWriter;
import dev.idle.spi.Mailbox;
import dev.idle.spi.MailboxRules;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The mock's mailbox behaviour, modelled on upstream IdLE's Exchange Online provider. A mailbox lives on its
 * identity as {@code mailbox: {type, outOfOffice: {mode, internalMessage, externalMessage, externalAudience, start,
 * end}, permissions: [{delegate, right}]}}; an identity without {@code mailbox} has none.
 *
 * <ul>
 *   <li><b>Finding a mailbox:</b> by identity key (and {@code identityKeyAttribute}), else by primary SMTP address.
 *       No mailbox → non-transient "Mailbox '&lt;key&gt;' not found." (also for unknown identities; mailboxes are
 *       never auto-created).</li>
 *   <li><b>Primary SMTP address</b> (the {@code IdentityKey} of every result): the identity's {@code Mail}
 *       attribute; else the key when it contains '@'; else {@code <key>@mock.example.invalid}. UPN: the
 *       {@code UserPrincipalName} attribute, else the SMTP address. Guid: a name-based UUID of the stored key.</li>
 *   <li><b>Out of office</b> changes only on drift: Mode (ignoring case); each message given, compared after
 *       {@link MailboxRules#normaliseMessage} and ignoring case; ExternalAudience given (ignoring case); for Scheduled, Start or
 *       End more than 60 s away. Date strings without a zone are read as UTC. Only the keys given are written,
 *       messages as given.</li>
 *   <li><b>Permissions</b> are processed per right in the order FullAccess, SendAs, SendOnBehalf; delegates compare
 *       ignoring case; a duplicate request entry finds the effect of the first. Events keep Exchange Online's names
 *       ({@code Provider.ExchangeOnline.Permissions.Evaluated/Applying/Result}) so that a workflow tested against the
 *       mock sees the event stream it will see in production.</li>
 * </ul>
 */
final class MockMailboxes {
    static final List<String> TYPES = MailboxRules.TYPES;
    static final List<String> MODES = MailboxRules.MODES;
    static final List<String> AUDIENCES = MailboxRules.AUDIENCES;
    static final List<String> RIGHTS = MailboxRules.RIGHTS;
    static final String EVENT_PREFIX = MailboxRules.PERMISSION_EVENT_PREFIX;
    static final String SMTP_DOMAIN = "mock.example.invalid";
    
    private static final List<String> MAILBOX_KEYS = List.of("type", "outOfOffice", "permissions");
    private static final List<String> OOF_KEYS =
            List.of("mode", "internalMessage", "externalMessage", "externalAudience", "start", "end");

    private final MockStore store;
    private final Function<String, String> resolveKey;

    /** @param resolveKey the stored key an identity key names (by key or key attribute), or null */
    MockMailboxes(MockStore store, Function<String, String> resolveKey) {
        this.store = store;
        this.resolveKey = resolveKey;
    }

    /** The mailbox of one identity while the store's lock is held. */
    private record Found(String storedKey, MockIdentity identity, String smtp) {
        DataMap mailbox() {
            return identity.mailbox();
        }
    }

    Mailbox getMailbox(String identityKey) {
        Found f = find(identityKey);
        String type = normaliseType(f.mailbox().getString("type"));
        DataMap attrs = f.identity().attributes();
        String upn = nonBlank(attrs.getString("UserPrincipalName"), f.smtp());
        String displayName = nonBlank(attrs.getString("DisplayName"), f.storedKey());
        return new Mailbox(f.smtp(), f.smtp(), upn, displayName, type, "UserMailbox", recipientTypeDetails(type),
                UUID.nameUUIDFromBytes(("idle-mock-mailbox:" + f.storedKey().toLowerCase(Locale.ROOT))
                        .getBytes(StandardCharsets.UTF_8)).toString());
    }

    ProviderResult ensureMailboxType(String identityKey, String desiredType) {
        String desired = MailboxRules.desiredType(desiredType);
        Found f = find(identityKey);
        boolean changed = !desired.equalsIgnoreCase(normaliseType(f.mailbox().getString("type")));
        if (changed) {
            f.mailbox().put("type", desired);
        }
        return new ProviderResult(ProviderMethods.ENSURE_MAILBOX_TYPE, f.smtp(), changed,
                DataMap.of("Type", desiredType));
    }

    ProviderResult ensureOutOfOffice(String identityKey, DataMap config) {
        MailboxRules.OutOfOfficeRequest req = MailboxRules.OutOfOfficeRequest.parse(config);
        Instant start = req.start(ZoneOffset.UTC);
        Instant end = req.end(ZoneOffset.UTC);
        Found f = find(identityKey);
        DataMap current = f.mailbox().getMap("outOfOffice");
        DataMap now = current == null ? new DataMap() : current;
        MailboxRules.CurrentOutOfOffice read = new MailboxRules.CurrentOutOfOffice(
                nonBlank(now.getString("mode"), "Disabled"), storedInstant(now.get("start")),
                storedInstant(now.get("end")), now.getString("internalMessage"), now.getString("externalMessage"),
                now.get("externalAudience") == null ? null : Values.ps(now.get("externalAudience")));
        boolean drift = req.drifts(read, ZoneOffset.UTC);
        if (drift) {
            DataMap updated = new DataMap();
            updated.put("mode", req.mode());
            updated.put("internalMessage", req.hasInternalMessage() ? req.internalMessage()
                    : now.get("internalMessage"));
            updated.put("externalMessage", req.hasExternalMessage() ? req.externalMessage()
                    : now.get("externalMessage"));
            updated.put("externalAudience", req.externalAudience() != null ? req.externalAudience()
                    : now.get("externalAudience"));
            updated.put("start", start != null ? start.toString() : now.get("start"));
            updated.put("end", end != null ? end.toString() : now.get("end"));
            f.mailbox().put("outOfOffice", updated);
        }
        return ProviderResult.of(ProviderMethods.ENSURE_OUT_OF_OFFICE, f.smtp(), drift);
    }

    ProviderResult ensureMailboxPermissions(String identityKey, List<DataMap> permissions, EventWriter events) {
        List<MailboxRules.PermissionRequest> requests = MailboxRules.PermissionRequest.parseAll(permissions);
        Found f = find(identityKey);
        List<Object> stored = storedPermissions(f.mailbox());
        boolean changed = false;
        for (String right : RIGHTS) {
            List<MailboxRules.PermissionRequest> forRight = requests.stream().filter(r -> r.right().equals(right)).toList();
            if (forRight.isEmpty()) {
                continue;
            }
            emit(events, "Evaluated", "Evaluated " + right + " delegates of mailbox '" + f.smtp() + "'.",
                    DataMap.of("mailboxSmtp", f.smtp(), "right", right, "currentUsers", delegates(stored, right)));
            for (MailboxRules.PermissionRequest r : forRight) {
                boolean has = delegates(stored, right).stream().anyMatch(d -> d.equalsIgnoreCase(r.user()));
                if (r.present() == has) {
                    continue;
                }
                String action = r.present() ? "Add" : "Remove";
                emit(events, "Applying", action + " " + right + " for '" + r.user() + "' on mailbox '" + f.smtp()
                        + "'.", DataMap.of("mailboxSmtp", f.smtp(), "right", right, "user", r.user(),
                        "action", action));
                if (r.present()) {
                    stored.add(DataMap.of("delegate", r.user(), "right", right));
                } else {
                    stored.removeIf(o -> o instanceof DataMap m && right.equalsIgnoreCase(m.getString("right"))
                            && r.user().equalsIgnoreCase(m.getString("delegate")));
                }
                changed = true;
            }
        }
        if (changed) {
            f.mailbox().put("permissions", stored);
        }
        emit(events, "Result", "Permissions of mailbox '" + f.smtp() + "' " + (changed ? "changed." : "unchanged."),
                DataMap.of("mailboxSmtp", f.smtp(), "changed", changed));
        return ProviderResult.of(ProviderMethods.ENSURE_MAILBOX_PERMISSIONS, f.smtp(), changed);
    }

    // ---- lookup ------------------------------------------------------------------------------------------------

    private Found find(String identityKey) {
        String key = resolveKey.apply(identityKey);
        if (key == null) {
            key = keyBySmtp(identityKey);
        }
        MockIdentity identity = key == null ? null : store.get(key);
        if (identity == null || identity.mailbox() == null) {
            throw new ProviderException("Mailbox '" + identityKey + "' not found.");
        }
        return new Found(key, identity, smtp(key, identity));
    }

    private String keyBySmtp(String address) {
        for (Map.Entry<String, MockIdentity> e : store.snapshot().entrySet()) {
            if (e.getValue().mailbox() != null && smtp(e.getKey(), e.getValue()).equalsIgnoreCase(address)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The primary SMTP address: {@code Mail}, else the key if it is an address, else key@mock.example.invalid. */
    static String smtp(String storedKey, MockIdentity identity) {
        String mail = identity.attributes().getString("Mail");
        if (mail != null && !mail.isBlank()) {
            return mail.trim();
        }
        return storedKey.contains("@") ? storedKey : storedKey + "@" + SMTP_DOMAIN;
    }

    /** Exchange's recipient type details mapped to IdLE's types ({@link MailboxRules#normaliseType}); none = User. */
    static String normaliseType(String raw) {
        if (raw == null || raw.isBlank() || raw.trim().equalsIgnoreCase("mailbox")) {
            return "User";
        }
        return MailboxRules.normaliseType(raw);
    }

    private static String recipientTypeDetails(String type) {
        return TYPES.contains(type) ? type + "Mailbox" : type;
    }

    // ---- out of office -----------------------------------------------------------------------------------------

    /** A stored start/end as an instant; missing or unreadable → null (which always counts as drift). */
    private static Instant storedInstant(Object stored) {
        try {
            return stored == null ? null : toInstant(stored);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A date-time value or string as an instant; a value without zone or offset is taken as UTC. */
    static Instant toInstant(Object value) {
        return MailboxRules.toInstant(value, ZoneOffset.UTC);
    }

    // ---- permissions -------------------------------------------------------------------------------------------

    /** A mutable copy of the mailbox's permission list (empty when it has none). */
    private static List<Object> storedPermissions(DataMap mailbox) {
        Object raw = mailbox.get("permissions");
        return new ArrayList<>(raw instanceof Collection<?> c ? c : List.of());
    }

    private static List<String> delegates(List<Object> stored, String right) {
        List<String> result = new ArrayList<>();
        for (Object o : stored) {
            if (o instanceof Map<?, ?> m) {
                DataMap p = new DataMap();
                m.forEach((k, v) -> p.put(String.valueOf(k), v));
                if (right.equalsIgnoreCase(p.getString("right")) && p.getString("delegate") != null) {
                    result.add(p.getString("delegate"));
                }
            }
        }
        return result;
    }

    private static void emit(EventWriter events, String suffix, String message, DataMap data) {
        if (events != null) {
            events.write(EVENT_PREFIX + suffix, message, data);
        }
    }

    // ---- state-file validation ---------------------------------------------------------------------------------

    /**
     * Checks the shape of a {@code mailbox} entry of the state file (keys, type, out-of-office mode and audience,
     * permission entries) so that a typo fails when the file is loaded, not in the middle of a run.
     */
    static void validate(DataMap mailbox, String where) {
        checkKeys(mailbox, MAILBOX_KEYS, where);
        Object oof = mailbox.get("outOfOffice");
        if (oof != null) {
            if (!(oof instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(where + ".outOfOffice must be an object or null.");
            }
            DataMap o = new DataMap();
            ((Map<?, ?>) oof).forEach((k, v) -> o.put(String.valueOf(k), v));
            checkKeys(o, OOF_KEYS, where + ".outOfOffice");
            checkOneOf(o.get("mode"), MODES, where + ".outOfOffice.mode");
            checkOneOf(o.get("externalAudience"), AUDIENCES, where + ".outOfOffice.externalAudience");
            for (String k : List.of("start", "end")) {
                if (o.get(k) != null) {
                    try {
                        toInstant(o.get(k));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException(where + ".outOfOffice." + k + " is not a date-time: '"
                                + Values.ps(o.get(k)) + "'.");
                    }
                }
            }
        }
        Object perms = mailbox.get("permissions");
        if (perms != null && !(perms instanceof Collection<?>)) {
            throw new IllegalArgumentException(where + ".permissions must be a list.");
        }
        int i = 0;
        for (Object item : perms == null ? List.of() : (Collection<?>) perms) {
            String at = where + ".permissions[" + i++ + "]";
            if (!(item instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(at + " must be an object.");
            }
            DataMap p = new DataMap();
            m.forEach((k, v) -> p.put(String.valueOf(k), v));
            checkKeys(p, List.of("delegate", "right"), at);
            if (p.getString("delegate") == null || p.getString("delegate").isBlank()) {
                throw new IllegalArgumentException(at + " needs a non-empty 'delegate'.");
            }
            if (p.get("right") == null) {
                throw new IllegalArgumentException(at + " needs a 'right' (" + String.join(", ", RIGHTS) + ").");
            }
            checkOneOf(p.get("right"), RIGHTS, at + ".right");
        }
    }

    private static void checkKeys(DataMap m, List<String> allowed, String where) {
        for (String key : m.keySet()) {
            if (allowed.stream().noneMatch(key::equalsIgnoreCase)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'. Supported keys: "
                        + String.join(", ", allowed) + ".");
            }
        }
    }

    private static void checkOneOf(Object value, List<String> allowed, String where) {
        if (value != null && oneOf(Values.ps(value), allowed) == null) {
            throw new IllegalArgumentException(where + " must be one of: " + String.join(", ", allowed) + ", not '"
                    + Values.ps(value) + "'.");
        }
    }

    // ---- small helpers -----------------------------------------------------------------------------------------

    private static String oneOf(String value, List<String> allowed) {
        return MailboxRules.oneOf(value, allowed);
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

}
