package dev.idle.provider.mock;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.EventWriter;
import dev.idle.spi.Mailbox;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

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
 *       {@link #normaliseMessage} and ignoring case; ExternalAudience given (ignoring case); for Scheduled, Start or
 *       End more than 60 s away. Date strings without a zone are read as UTC. Only the keys given are written,
 *       messages as given.</li>
 *   <li><b>Permissions</b> are processed per right in the order FullAccess, SendAs, SendOnBehalf; delegates compare
 *       ignoring case; a duplicate request entry finds the effect of the first. Events keep Exchange Online's names
 *       ({@code Provider.ExchangeOnline.Permissions.Evaluated/Applying/Result}) so that a workflow tested against the
 *       mock sees the event stream it will see in production.</li>
 * </ul>
 */
final class MockMailboxes {
    static final List<String> TYPES = List.of("User", "Shared", "Room", "Equipment");
    static final List<String> MODES = List.of("Disabled", "Enabled", "Scheduled");
    static final List<String> AUDIENCES = List.of("None", "Known", "All");
    static final List<String> RIGHTS = List.of("FullAccess", "SendAs", "SendOnBehalf");
    static final String EVENT_PREFIX = "Provider.ExchangeOnline.Permissions.";
    static final String SMTP_DOMAIN = "mock.example.invalid";
    static final Duration SCHEDULE_TOLERANCE = Duration.ofSeconds(60);

    private static final List<String> MAILBOX_KEYS = List.of("type", "outOfOffice", "permissions");
    private static final List<String> OOF_KEYS =
            List.of("mode", "internalMessage", "externalMessage", "externalAudience", "start", "end");
    private static final DateTimeFormatter INVARIANT = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT);

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
        String desired = oneOf(desiredType, TYPES);
        if (desired == null) {
            throw new ProviderException("MailboxType must be one of: " + String.join(", ", TYPES) + ". Got: "
                    + Values.ps(desiredType));
        }
        Found f = find(identityKey);
        boolean changed = !desired.equalsIgnoreCase(normaliseType(f.mailbox().getString("type")));
        if (changed) {
            f.mailbox().put("type", desired);
        }
        return new ProviderResult(ProviderMethods.ENSURE_MAILBOX_TYPE, f.smtp(), changed,
                DataMap.of("Type", desiredType));
    }

    ProviderResult ensureOutOfOffice(String identityKey, DataMap config) {
        if (config == null || config.get("Mode") == null) {
            throw new ProviderException("OutOfOffice Config must contain 'Mode' key (Disabled, Enabled, or Scheduled).");
        }
        String mode = oneOf(Values.ps(config.get("Mode")), MODES);
        if (mode == null) {
            throw new ProviderException("OutOfOffice Config Mode must be 'Disabled', 'Enabled', or 'Scheduled'. Got: "
                    + Values.ps(config.get("Mode")));
        }
        Instant start = config.containsKey("Start") ? instant(config.get("Start"), "Start") : null;
        Instant end = config.containsKey("End") ? instant(config.get("End"), "End") : null;
        if (mode.equals("Scheduled") && (start == null || end == null)) {
            throw new ProviderException("OutOfOffice Config Mode 'Scheduled' requires 'Start' and 'End' keys.");
        }
        String audience = null;
        if (config.containsKey("ExternalAudience")) {
            audience = oneOf(Values.ps(config.get("ExternalAudience")), AUDIENCES);
            if (audience == null) {
                throw new ProviderException("OutOfOffice Config ExternalAudience must be 'None', 'Known', or 'All'."
                        + " Got: " + Values.ps(config.get("ExternalAudience")));
            }
        }
        Found f = find(identityKey);
        DataMap current = f.mailbox().getMap("outOfOffice");
        DataMap now = current == null ? new DataMap() : current;
        boolean drift = !mode.equalsIgnoreCase(nonBlank(now.getString("mode"), "Disabled"))
                || messageDrift(config, now, "InternalMessage", "internalMessage")
                || messageDrift(config, now, "ExternalMessage", "externalMessage")
                || (audience != null && !audience.equalsIgnoreCase(Values.ps(now.get("externalAudience"))))
                || (mode.equals("Scheduled") && (apart(now.get("start"), start) || apart(now.get("end"), end)));
        if (drift) {
            DataMap updated = new DataMap();
            updated.put("mode", mode);
            updated.put("internalMessage", config.containsKey("InternalMessage")
                    ? stringOrNull(config.get("InternalMessage")) : now.get("internalMessage"));
            updated.put("externalMessage", config.containsKey("ExternalMessage")
                    ? stringOrNull(config.get("ExternalMessage")) : now.get("externalMessage"));
            updated.put("externalAudience", audience != null ? audience : now.get("externalAudience"));
            updated.put("start", start != null ? start.toString() : now.get("start"));
            updated.put("end", end != null ? end.toString() : now.get("end"));
            f.mailbox().put("outOfOffice", updated);
        }
        return ProviderResult.of(ProviderMethods.ENSURE_OUT_OF_OFFICE, f.smtp(), drift);
    }

    ProviderResult ensureMailboxPermissions(String identityKey, List<DataMap> permissions, EventWriter events) {
        List<Request> requests = new ArrayList<>();
        for (DataMap p : permissions == null ? List.<DataMap>of() : permissions) {
            requests.add(Request.of(p));
        }
        Found f = find(identityKey);
        List<Object> stored = storedPermissions(f.mailbox());
        boolean changed = false;
        for (String right : RIGHTS) {
            List<Request> forRight = requests.stream().filter(r -> r.right().equals(right)).toList();
            if (forRight.isEmpty()) {
                continue;
            }
            emit(events, "Evaluated", "Evaluated " + right + " delegates of mailbox '" + f.smtp() + "'.",
                    DataMap.of("mailboxSmtp", f.smtp(), "right", right, "currentUsers", delegates(stored, right)));
            for (Request r : forRight) {
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

    /** One validated request entry. */
    private record Request(String user, String right, boolean present) {
        static Request of(DataMap p) {
            if (p == null) {
                throw new ProviderException("Each mailbox permission must be a map with AssignedUser, Right, Ensure.");
            }
            Object user = p.get("AssignedUser");
            if (!Values.isScalar(user) || Values.ps(user).isBlank()) {
                throw new ProviderException("Mailbox permission AssignedUser must be a non-empty string. Got: "
                        + Values.ps(user));
            }
            String right = oneOf(Values.ps(p.get("Right")), RIGHTS);
            if (right == null) {
                throw new ProviderException("Mailbox permission Right must be one of: " + String.join(", ", RIGHTS)
                        + ". Got: " + Values.ps(p.get("Right")));
            }
            String ensure = oneOf(Values.ps(p.get("Ensure")), List.of("Present", "Absent"));
            if (ensure == null) {
                throw new ProviderException("Mailbox permission Ensure must be one of: Present, Absent. Got: "
                        + Values.ps(p.get("Ensure")));
            }
            return new Request(Values.ps(user).trim(), right, ensure.equals("Present"));
        }
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

    /** Exchange's recipient type details mapped to IdLE's types (whole value, ignoring case); else as stored. */
    static String normaliseType(String raw) {
        if (raw == null || raw.isBlank()) {
            return "User";
        }
        String canonical = oneOf(raw, TYPES);
        if (canonical != null) {
            return canonical;
        }
        String details = raw.toLowerCase(Locale.ROOT).replaceFirst("^(remote|linked)", "");
        return switch (details) {
            case "usermailbox", "mailbox" -> "User";
            case "sharedmailbox" -> "Shared";
            case "roommailbox" -> "Room";
            case "equipmentmailbox" -> "Equipment";
            default -> raw;
        };
    }

    private static String recipientTypeDetails(String type) {
        return TYPES.contains(type) ? type + "Mailbox" : type;
    }

    // ---- out of office -----------------------------------------------------------------------------------------

    private static boolean messageDrift(DataMap config, DataMap current, String key, String storedKey) {
        return config.containsKey(key) && !normaliseMessage(stringOrNull(config.get(key)))
                .equalsIgnoreCase(normaliseMessage(current.getString(storedKey)));
    }

    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_TAG = Pattern.compile("</?html[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEAD = Pattern.compile("<head[^>]*>(.*?)</head>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BODY_TAG = Pattern.compile("</?body[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPACE_RUN = Pattern.compile("[ \\t]{3,}");
    private static final Pattern NEWLINE_RUN = Pattern.compile("\n{4,}");

    /**
     * The form messages are compared in (never written): line endings as LF; the document wrapper that Exchange
     * adds around HTML replies ({@code <!DOCTYPE>}, {@code <html>}, {@code <head>} kept by its content,
     * {@code <body>}) removed; trimmed; runs of three or more spaces/tabs as two spaces; runs of four or more line
     * breaks as three.
     */
    static String normaliseMessage(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        String s = message.replace("\r\n", "\n").replace('\r', '\n');
        s = DOCTYPE.matcher(s).replaceAll("");
        s = HTML_TAG.matcher(s).replaceAll("");
        s = HEAD.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1).trim()));
        s = BODY_TAG.matcher(s).replaceAll("");
        s = s.trim();
        s = SPACE_RUN.matcher(s).replaceAll("  ");
        s = NEWLINE_RUN.matcher(s).replaceAll("\n\n\n");
        return s.trim();
    }

    /** True when the stored time is missing, unreadable, or more than 60 s from the desired one. */
    private static boolean apart(Object stored, Instant desired) {
        Instant current;
        try {
            current = stored == null ? null : toInstant(stored);
        } catch (DateTimeParseException e) {
            current = null;
        }
        return current == null || Duration.between(current, desired).abs().compareTo(SCHEDULE_TOLERANCE) > 0;
    }

    private static Instant instant(Object value, String key) {
        if (value == null || Values.ps(value).isBlank()) {
            return null;
        }
        try {
            return toInstant(value);
        } catch (DateTimeParseException e) {
            throw new ProviderException("OutOfOffice Config " + key + " is not a date-time: '" + Values.ps(value)
                    + "'.");
        }
    }

    /** A date-time value or string as an instant; a value without zone or offset is taken as UTC. */
    static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof TemporalAccessor t) {
            return Instant.from(t);
        }
        String s = Values.ps(value).trim();
        List<Function<String, Instant>> parsers = List.of(
                x -> OffsetDateTime.parse(x).toInstant(),
                x -> ZonedDateTime.parse(x).toInstant(),
                x -> LocalDateTime.parse(x).toInstant(ZoneOffset.UTC),
                x -> LocalDate.parse(x).atStartOfDay(ZoneOffset.UTC).toInstant(),
                x -> LocalDateTime.parse(x, INVARIANT).toInstant(ZoneOffset.UTC));
        DateTimeParseException last = null;
        for (Function<String, Instant> p : parsers) {
            try {
                return p.apply(s);
            } catch (DateTimeParseException e) {
                last = e;
            }
        }
        throw last;
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
        if (value == null) {
            return null;
        }
        String v = value.trim();
        return allowed.stream().filter(a -> a.equalsIgnoreCase(v)).findFirst().orElse(null);
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : Values.ps(value);
    }
}
