package dev.idle.provider.exchangeonline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.EventWriter;
import dev.idle.spi.Mailbox;
import dev.idle.spi.MailboxPermissionsEnsurer;
import dev.idle.spi.MailboxReader;
import dev.idle.spi.MailboxRules;
import dev.idle.spi.MailboxRules.CurrentOutOfOffice;
import dev.idle.spi.MailboxRules.OutOfOfficeRequest;
import dev.idle.spi.MailboxRules.PermissionRequest;
import dev.idle.spi.MailboxTypeEnsurer;
import dev.idle.spi.OutOfOfficeEnsurer;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IdLE's Exchange Online provider for the JVM (providers.md §7). Mailbox reads, type conversion and delegate
 * permissions go through the Exchange admin API (the {@code InvokeCommand} REST endpoint of the
 * ExchangeOnlineManagement V3 module); automatic replies through Microsoft Graph {@code mailboxSettings}.
 * See {@code docs/providers/exchangeonline.md} for every request each method sends.
 *
 * <p>Thread-safe: one instance serves every thread of a batch; the JDK HTTP client pools connections, credentials and
 * tokens are cached per session and scope and fetched once per expiry ({@link ExoAuth}), and no per-call state is
 * shared. Writes are paced per origin only when the host sets {@code rateLimit}.
 */
public final class ExchangeOnlineProvider implements Provider, MailboxReader, MailboxTypeEnsurer,
        OutOfOfficeEnsurer, MailboxPermissionsEnsurer {

    private static final Pattern SYSTEM_USER = Pattern.compile("^NT AUTHORITY\\\\|\\\\SELF$|^S-1-",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NT_AUTHORITY = Pattern.compile("^NT AUTHORITY\\\\", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter GRAPH_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** Windows time zone names Graph may report for a mailbox, for reading zone-less dates. */
    private static final Map<String, String> WINDOWS_ZONES = Map.ofEntries(
            Map.entry("utc", "UTC"), Map.entry("w. europe standard time", "Europe/Berlin"),
            Map.entry("gmt standard time", "Europe/London"), Map.entry("romance standard time", "Europe/Paris"),
            Map.entry("central europe standard time", "Europe/Budapest"),
            Map.entry("central european standard time", "Europe/Warsaw"),
            Map.entry("eastern standard time", "America/New_York"),
            Map.entry("central standard time", "America/Chicago"),
            Map.entry("mountain standard time", "America/Denver"),
            Map.entry("pacific standard time", "America/Los_Angeles"),
            Map.entry("tokyo standard time", "Asia/Tokyo"), Map.entry("aus eastern standard time", "Australia/Sydney"));

    private final String alias;
    private final String graphBaseUrl;
    private final String exchangeBaseUrl;
    private final String tenantId;
    private final String graphScope;
    private final String exchangeScope;
    private final ExoHttp http;
    private final ExoAuth auth;
    private final ObjectMapper json;

    ExchangeOnlineProvider(String alias, String graphBaseUrl, String exchangeBaseUrl, String tenantId,
                           String graphScope, String exchangeScope, ExoHttp http, ExoAuth auth, ObjectMapper json) {
        this.alias = alias;
        this.graphBaseUrl = graphBaseUrl;
        this.exchangeBaseUrl = exchangeBaseUrl;
        this.tenantId = tenantId;
        this.graphScope = graphScope;
        this.exchangeScope = exchangeScope;
        this.http = http;
        this.auth = auth;
        this.json = json;
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    /** What Get-Mailbox says about one mailbox, beyond the {@link Mailbox} record. */
    private record Row(Mailbox mailbox, String objectId, List<String> grantSendOnBehalfTo) {
        String smtp() {
            return mailbox.primarySmtpAddress();
        }
    }

    private Row read(String identityKey, AuthSession session) {
        if (identityKey == null || identityKey.isBlank()) {
            throw new ProviderException("IdentityKey must be a non-empty string.");
        }
        ArrayNode rows;
        try {
            rows = command(session, "Get-Mailbox", params("Identity", identityKey));
        } catch (ExoHttp.CommandException e) {
            if (e.notFound && !e.isTransient()) {
                throw new ProviderException("Mailbox '" + identityKey + "' not found.");
            }
            throw e;
        }
        if (rows.isEmpty()) {
            throw new ProviderException("Mailbox '" + identityKey + "' not found.");
        }
        JsonNode m = rows.get(0);
        String smtp = text(m, "PrimarySmtpAddress");
        String rtd = text(m, "RecipientTypeDetails");
        List<String> grant = new ArrayList<>();
        m.path("GrantSendOnBehalfTo").forEach(g -> grant.add(g.asText()));
        Mailbox mb = new Mailbox(smtp, smtp, text(m, "UserPrincipalName"), text(m, "DisplayName"),
                MailboxRules.normaliseType(rtd), text(m, "RecipientType"), rtd, text(m, "Guid"));
        String objectId = text(m, "ExternalDirectoryObjectId");
        return new Row(mb, objectId == null || objectId.isBlank() ? mb.userPrincipalName() : objectId, grant);
    }

    @Override
    public Mailbox getMailbox(String identityKey, AuthSession session) {
        return read(identityKey, session).mailbox();
    }

    /**
     * Upstream's GetOutOfOffice: {@code Mode} (Disabled/Enabled/Scheduled), {@code Start}, {@code End} (ISO
     * instants), {@code InternalMessage}, {@code ExternalMessage}, {@code ExternalAudience} (None/Known/All), read
     * from Graph {@code mailboxSettings}. Not a capability method of IdLE's step set.
     */
    public DataMap getOutOfOffice(String identityKey, AuthSession session) {
        Row row = read(identityKey, session);
        CurrentOutOfOffice c = currentOutOfOffice(row, session).current();
        return DataMap.of("Mode", c.mode(), "Start", c.start() == null ? null : c.start().toString(),
                "End", c.end() == null ? null : c.end().toString(), "InternalMessage", c.internalMessage(),
                "ExternalMessage", c.externalMessage(), "ExternalAudience", c.externalAudience());
    }

    // ---- type ----------------------------------------------------------------------------------------------------

    @Override
    public ProviderResult ensureMailboxType(String identityKey, String desiredType, AuthSession session) {
        String desired = MailboxRules.desiredType(desiredType);
        Row row = read(identityKey, session);
        boolean changed = !desired.equalsIgnoreCase(row.mailbox().type());
        if (changed) {
            command(session, "Set-Mailbox", params("Identity", row.smtp(), "Type",
                    desired.equals("User") ? "Regular" : desired));
        }
        return new ProviderResult(ProviderMethods.ENSURE_MAILBOX_TYPE, row.smtp(), changed,
                DataMap.of("Type", desiredType));
    }

    // ---- out of office -------------------------------------------------------------------------------------------

    private record Settings(CurrentOutOfOffice current, ZoneId zone) {
    }

    private Settings currentOutOfOffice(Row row, AuthSession session) {
        JsonNode s;
        try {
            s = http.graph("GET", settingsUri(row), null, auth.token(session, graphScope, alias),
                    "Microsoft Graph GET mailboxSettings of '" + row.smtp() + "'");
        } catch (ExoHttp.CommandException e) {
            if (e.notFound && !e.isTransient()) {
                throw new ProviderException("Out of Office configuration for mailbox '" + row.smtp()
                        + "' not found. (" + e.getMessage() + ")");
            }
            throw e;
        }
        ZoneId zone = zone(s.path("timeZone").asText("UTC"));
        JsonNode ar = s.path("automaticRepliesSetting");
        String mode = switch (ar.path("status").asText("disabled")) {
            case "alwaysEnabled" -> "Enabled";
            case "scheduled" -> "Scheduled";
            default -> "Disabled";
        };
        String audience = switch (ar.path("externalAudience").asText("")) {
            case "none" -> "None";
            case "contactsOnly" -> "Known";
            case "all" -> "All";
            default -> null;
        };
        return new Settings(new CurrentOutOfOffice(mode, graphInstant(ar.path("scheduledStartDateTime")),
                graphInstant(ar.path("scheduledEndDateTime")), textOrNull(ar.path("internalReplyMessage")),
                textOrNull(ar.path("externalReplyMessage")), audience), zone);
    }

    @Override
    public ProviderResult ensureOutOfOffice(String identityKey, DataMap config, AuthSession session) {
        OutOfOfficeRequest req = OutOfOfficeRequest.parse(config);
        Row row = read(identityKey, session);
        Settings settings = currentOutOfOffice(row, session);
        boolean drift = req.drifts(settings.current(), settings.zone());
        if (drift) {
            ObjectNode body = json.createObjectNode();
            ObjectNode ar = body.putObject("automaticRepliesSetting");
            ar.put("status", switch (req.mode()) {
                case "Enabled" -> "alwaysEnabled";
                case "Scheduled" -> "scheduled";
                default -> "disabled";
            });
            if (req.externalAudience() != null) {
                ar.put("externalAudience", switch (req.externalAudience()) {
                    case "None" -> "none";
                    case "Known" -> "contactsOnly";
                    default -> "all";
                });
            }
            if (req.hasInternalMessage()) {
                ar.put("internalReplyMessage", req.internalMessage() == null ? "" : req.internalMessage());
            }
            if (req.hasExternalMessage()) {
                ar.put("externalReplyMessage", req.externalMessage() == null ? "" : req.externalMessage());
            }
            if (req.start() != null) {
                ar.set("scheduledStartDateTime", dateTimeTimeZone(req.start(settings.zone())));
            }
            if (req.end() != null) {
                ar.set("scheduledEndDateTime", dateTimeTimeZone(req.end(settings.zone())));
            }
            http.graph("PATCH", settingsUri(row), body, auth.token(session, graphScope, alias),
                    "Microsoft Graph PATCH mailboxSettings of '" + row.smtp() + "'");
        }
        return ProviderResult.of(ProviderMethods.ENSURE_OUT_OF_OFFICE, row.smtp(), drift);
    }

    private URI settingsUri(Row row) {
        return URI.create(graphBaseUrl + "/users/" + URLEncoder.encode(row.objectId(), StandardCharsets.UTF_8)
                .replace("+", "%20") + "/mailboxSettings");
    }

    private ObjectNode dateTimeTimeZone(Instant i) {
        ObjectNode o = json.createObjectNode();
        o.put("dateTime", GRAPH_DATE_TIME.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC)));
        o.put("timeZone", "UTC");
        return o;
    }

    private static Instant graphInstant(JsonNode dtz) {
        if (!dtz.path("dateTime").isTextual()) {
            return null;
        }
        try {
            return LocalDateTime.parse(dtz.get("dateTime").asText()).atZone(zone(dtz.path("timeZone").asText("UTC")))
                    .toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A Graph time zone name (IANA, {@code UTC} or a common Windows name) as a zone; unknown names fail. */
    static ZoneId zone(String name) {
        String n = name == null || name.isBlank() ? "UTC" : name.trim();
        String mapped = WINDOWS_ZONES.getOrDefault(n.toLowerCase(Locale.ROOT), n);
        try {
            return ZoneId.of(mapped);
        } catch (DateTimeException e) {
            throw new ProviderException("The mailbox time zone '" + n + "' is not known to the Exchange Online "
                    + "provider; write Start and End with an offset (e.g. 2025-01-31T08:00:00+01:00).");
        }
    }

    // ---- permissions ---------------------------------------------------------------------------------------------

    @Override
    public ProviderResult ensureMailboxPermissions(String identityKey, List<DataMap> permissions,
                                                   AuthSession session) {
        return ensureMailboxPermissions(identityKey, permissions, session, null);
    }

    @Override
    public ProviderResult ensureMailboxPermissions(String identityKey, List<DataMap> permissions,
                                                   AuthSession session, EventWriter events) {
        List<PermissionRequest> requests = PermissionRequest.parseAll(permissions);
        Row row = read(identityKey, session);
        String smtp = row.smtp();
        boolean changed = false;
        for (String right : MailboxRules.RIGHTS) {
            List<PermissionRequest> forRight = requests.stream().filter(r -> r.right().equals(right)).toList();
            if (forRight.isEmpty()) {
                continue;
            }
            List<String> current = switch (right) {
                case "FullAccess" -> fullAccessUsers(smtp, session);
                case "SendAs" -> sendAsTrustees(smtp, session);
                default -> new ArrayList<>(row.grantSendOnBehalfTo());
            };
            emit(events, "Evaluated", "Evaluated " + right + " delegates of mailbox '" + smtp + "'.",
                    DataMap.of("mailboxSmtp", smtp, "right", right, "currentUsers", List.copyOf(current)));
            boolean rightChanged = false;
            for (PermissionRequest r : forRight) {
                boolean has = current.stream().anyMatch(u -> u.equalsIgnoreCase(r.user()));
                if (r.present() == has) {
                    continue;
                }
                String action = r.present() ? "Add" : "Remove";
                emit(events, "Applying", action + " " + right + " for '" + r.user() + "' on mailbox '" + smtp
                        + "'.", DataMap.of("mailboxSmtp", smtp, "right", right, "user", r.user(), "action", action));
                switch (right) {
                    case "FullAccess" -> command(session, r.present() ? "Add-MailboxPermission"
                            : "Remove-MailboxPermission", r.present()
                            ? params("Identity", smtp, "User", r.user(), "AccessRights", List.of("FullAccess"))
                            : params("Identity", smtp, "User", r.user(), "AccessRights", List.of("FullAccess"),
                                    "Confirm", false));
                    case "SendAs" -> command(session, r.present() ? "Add-RecipientPermission"
                            : "Remove-RecipientPermission", params("Identity", smtp, "Trustee", r.user(),
                            "AccessRights", List.of("SendAs"), "Confirm", false));
                    default -> { }
                }
                if (r.present()) {
                    current.add(r.user());
                } else {
                    current.removeIf(u -> u.equalsIgnoreCase(r.user()));
                }
                rightChanged = true;
            }
            if (rightChanged && right.equals("SendOnBehalf")) {
                command(session, "Set-Mailbox", params("Identity", smtp, "GrantSendOnBehalfTo", List.copyOf(current)));
            }
            changed |= rightChanged;
        }
        emit(events, "Result", "Permissions of mailbox '" + smtp + "' " + (changed ? "changed." : "unchanged."),
                DataMap.of("mailboxSmtp", smtp, "changed", changed));
        return ProviderResult.of(ProviderMethods.ENSURE_MAILBOX_PERMISSIONS, smtp, changed);
    }

    /** Get-MailboxPermission: non-system, non-inherited FullAccess holders, lower-cased. */
    private List<String> fullAccessUsers(String smtp, AuthSession session) {
        List<String> users = new ArrayList<>();
        for (JsonNode row : command(session, "Get-MailboxPermission", params("Identity", smtp))) {
            String user = text(row, "User");
            if (user == null || SYSTEM_USER.matcher(user).find() || row.path("IsInherited").asBoolean(false)) {
                continue;
            }
            if (rights(row).stream().anyMatch(r -> r.equalsIgnoreCase("FullAccess"))) {
                users.add(user.toLowerCase(Locale.ROOT));
            }
        }
        return users;
    }

    /** Get-RecipientPermission: non-system, non-inherited SendAs trustees, lower-cased. */
    private List<String> sendAsTrustees(String smtp, AuthSession session) {
        List<String> trustees = new ArrayList<>();
        for (JsonNode row : command(session, "Get-RecipientPermission", params("Identity", smtp))) {
            String trustee = text(row, "Trustee");
            if (trustee == null || NT_AUTHORITY.matcher(trustee).find() || row.path("IsInherited").asBoolean(false)) {
                continue;
            }
            if (String.join(",", rights(row)).toLowerCase(Locale.ROOT).contains("sendas")) {
                trustees.add(trustee.toLowerCase(Locale.ROOT));
            }
        }
        return trustees;
    }

    /** AccessRights exploded: an array of values or one string, each possibly "A, B". */
    private static List<String> rights(JsonNode row) {
        List<String> out = new ArrayList<>();
        JsonNode ar = row.path("AccessRights");
        List<String> raw = new ArrayList<>();
        if (ar.isArray()) {
            ar.forEach(x -> raw.add(x.asText()));
        } else if (!ar.isMissingNode() && !ar.isNull()) {
            raw.add(ar.asText());
        }
        for (String r : raw) {
            for (String part : r.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static void emit(EventWriter events, String suffix, String message, DataMap data) {
        if (events != null) {
            events.write(MailboxRules.PERMISSION_EVENT_PREFIX + suffix, message, data);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private ArrayNode command(AuthSession session, String cmdlet, Map<String, Object> parameters) {
        return http.invoke(exchangeBaseUrl, tenantId, auth.token(session, exchangeScope, alias), cmdlet, parameters);
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String textOrNull(JsonNode v) {
        return v == null || v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    @Override
    public String toString() {
        return "ExchangeOnlineProvider[" + alias + ", tenant " + tenantId + "]";
    }
}
