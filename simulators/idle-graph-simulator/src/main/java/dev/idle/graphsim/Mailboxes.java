package dev.idle.graphsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Exchange Online mailboxes of the simulated tenant, one per user that has one, and Graph's
 * {@code /users/{id}/mailboxSettings} view of them. Graph and the Exchange admin API's {@code InvokeCommand} work on
 * the same state, as in a real tenant: automatic replies
 * set through Graph, a type converted with {@code Set-Mailbox -Type} shows in {@code userPurpose}. The cmdlets of the
 * admin API are in {@link ExchangeCmdlets}. Not thread-safe; callers hold the simulator's lock.
 */
final class Mailboxes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter GRAPH_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");
    static final Set<String> RECIPIENT_TYPES = Set.of("UserMailbox", "SharedMailbox", "RoomMailbox",
            "EquipmentMailbox");
    /** A few Windows time zone names Graph uses, for PATCHes that send them. */
    private static final Map<String, String> WINDOWS_ZONES = Map.of(
            "utc", "UTC", "w. europe standard time", "Europe/Berlin", "gmt standard time", "Europe/London",
            "eastern standard time", "America/New_York", "pacific standard time", "America/Los_Angeles",
            "central europe standard time", "Europe/Budapest", "romance standard time", "Europe/Paris");

    /** One mailbox. Delegates are stored as the recipient's userPrincipalName. */
    static final class Box {
        final String userId;
        final String guid = UUID.randomUUID().toString();
        String recipientTypeDetails = "UserMailbox";
        String timeZone = "UTC";
        String status = "disabled";
        String externalAudience = "all";
        String internalReplyMessage = "";
        String externalReplyMessage = "";
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS);
        final List<String> fullAccess = new ArrayList<>();
        final List<String> sendAs = new ArrayList<>();
        final List<String> sendOnBehalf = new ArrayList<>();

        Box(String userId) {
            this.userId = userId;
        }
    }

    private final Directory dir;
    final Map<String, Box> byUser = new LinkedHashMap<>();

    Mailboxes(Directory dir) {
        this.dir = dir;
    }

    Box add(String userIdOrUpn, String recipientTypeDetails) {
        Map<String, Object> u = dir.requireUser(userIdOrUpn);
        String type = recipientType(recipientTypeDetails == null ? "UserMailbox" : recipientTypeDetails);
        Box b = byUser.computeIfAbsent((String) u.get("id"), Box::new);
        b.recipientTypeDetails = type;
        u.putIfAbsent("mail", u.get("userPrincipalName"));
        return b;
    }

    private static String recipientType(String given) {
        for (String t : RECIPIENT_TYPES) {
            if (t.equalsIgnoreCase(given) || t.equalsIgnoreCase(given + "Mailbox")
                    || (given.equalsIgnoreCase("Regular") && t.equals("UserMailbox"))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown mailbox type '" + given + "' (UserMailbox, SharedMailbox, "
                + "RoomMailbox, EquipmentMailbox)");
    }

    /** The mailbox of a user that exists; Graph's answer for a user without one. */
    private Box requireForGraph(String key) {
        Map<String, Object> u = dir.requireUser(key);
        Box b = byUser.get((String) u.get("id"));
        if (b == null) {
            throw new GraphError(404, "MailboxNotEnabledForRESTAPI",
                    "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
        }
        return b;
    }

    // ------------------------------------------------------------------ Graph: /users/{id}/mailboxSettings

    ObjectNode settings(String key, String baseUrl) {
        Box b = requireForGraph(key);
        ObjectNode o = NODES.objectNode();
        o.put("@odata.context", baseUrl + "/$metadata#users('" + b.userId + "')/mailboxSettings");
        o.put("archiveFolder", "AAMkA" + b.guid.replace("-", ""));
        o.put("timeZone", b.timeZone);
        ObjectNode ar = o.putObject("automaticRepliesSetting");
        ar.put("status", b.status);
        ar.put("externalAudience", b.externalAudience);
        ar.set("scheduledStartDateTime", dateTimeTimeZone(b.start));
        ar.set("scheduledEndDateTime", dateTimeTimeZone(b.end));
        ar.put("internalReplyMessage", b.internalReplyMessage);
        ar.put("externalReplyMessage", b.externalReplyMessage);
        ObjectNode lang = o.putObject("language");
        lang.put("locale", "en-US");
        lang.put("displayName", "English (United States)");
        o.put("dateFormat", "M/d/yyyy");
        o.put("timeFormat", "h:mm tt");
        o.put("delegateMeetingMessageDeliveryOptions", "sendToDelegateAndInformationToPrincipal");
        o.put("userPurpose", userPurpose(b.recipientTypeDetails));
        return o;
    }

    /** PATCH: only the properties sent change; messages are stored wrapped in HTML as Exchange does. */
    ObjectNode patchSettings(String key, JsonNode body, String baseUrl) {
        Box b = requireForGraph(key);
        if (body == null || !body.isObject()) {
            throw new GraphError(400, "RequestBodyRead", "Empty Payload. JSON content expected.");
        }
        // validate everything before changing anything
        Box next = copy(b);
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "@odata.context", "@odata.type" -> { }
                case "timeZone" -> next.timeZone = zoneName(e.getValue().asText());
                case "automaticRepliesSetting" -> patchAutoReplies(next, e.getValue());
                case "userPurpose" -> throw new GraphError(400, "ErrorInvalidProperty",
                        "The property 'userPurpose' is read-only and can't be set.");
                case "language", "workingHours", "dateFormat", "timeFormat", "delegateMeetingMessageDeliveryOptions",
                        "archiveFolder" -> { }
                default -> throw new GraphError(400, "RequestBodyRead", "The property '" + e.getKey()
                        + "' does not exist on type 'microsoft.graph.mailboxSettings'. Make sure to only use property "
                        + "names that are defined by the type or mark the type as open type.");
            }
        }
        b.timeZone = next.timeZone;
        b.status = next.status;
        b.externalAudience = next.externalAudience;
        b.internalReplyMessage = next.internalReplyMessage;
        b.externalReplyMessage = next.externalReplyMessage;
        b.start = next.start;
        b.end = next.end;
        ObjectNode o = settings(key, baseUrl);
        // Graph's PATCH answers with the properties that were sent
        ObjectNode out = NODES.objectNode();
        out.put("@odata.context", o.get("@odata.context").asText());
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (o.has(f)) {
                out.set(f, o.get(f));
            }
        }
        return out;
    }

    private static Box copy(Box b) {
        Box c = new Box(b.userId);
        c.timeZone = b.timeZone;
        c.status = b.status;
        c.externalAudience = b.externalAudience;
        c.internalReplyMessage = b.internalReplyMessage;
        c.externalReplyMessage = b.externalReplyMessage;
        c.start = b.start;
        c.end = b.end;
        return c;
    }

    private static void patchAutoReplies(Box b, JsonNode ar) {
        if (!ar.isObject()) {
            throw new GraphError(400, "RequestBodyRead", "Invalid value for 'automaticRepliesSetting'.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ar.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "status" -> b.status = enumValue(v, "status", List.of("disabled", "alwaysEnabled", "scheduled"));
                case "externalAudience" -> b.externalAudience = enumValue(v, "externalAudience",
                        List.of("none", "contactsOnly", "all"));
                case "internalReplyMessage" -> b.internalReplyMessage = wrapHtml(v.isNull() ? "" : v.asText());
                case "externalReplyMessage" -> b.externalReplyMessage = wrapHtml(v.isNull() ? "" : v.asText());
                case "scheduledStartDateTime" -> b.start = instant(v, "scheduledStartDateTime");
                case "scheduledEndDateTime" -> b.end = instant(v, "scheduledEndDateTime");
                case "@odata.type" -> { }
                default -> throw new GraphError(400, "RequestBodyRead", "The property '" + e.getKey()
                        + "' does not exist on type 'microsoft.graph.automaticRepliesSetting'.");
            }
        }
        if (b.status.equals("scheduled") && !b.end.isAfter(b.start)) {
            throw new GraphError(400, "ErrorInvalidParameter",
                    "The request is invalid: the scheduled end time must be after the start time.");
        }
    }

    private static String enumValue(JsonNode v, String property, List<String> allowed) {
        for (String a : allowed) {
            if (a.equals(v.asText())) {
                return a;
            }
        }
        throw new GraphError(400, "RequestBodyRead", "Requested value '" + v.asText() + "' was not found for "
                + property + ". Allowed: " + String.join(", ", allowed) + ".");
    }

    private static Instant instant(JsonNode v, String property) {
        if (!v.isObject() || !v.path("dateTime").isTextual()) {
            throw new GraphError(400, "RequestBodyRead", "'" + property + "' must be a dateTimeTimeZone "
                    + "({\"dateTime\", \"timeZone\"}).");
        }
        String tz = zoneName(v.path("timeZone").asText("UTC"));
        ZoneId zone = ZoneId.of(WINDOWS_ZONES.getOrDefault(tz.toLowerCase(Locale.ROOT), tz));
        try {
            return LocalDateTime.parse(v.path("dateTime").asText()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new GraphError(400, "ErrorInvalidParameter", "Cannot convert the literal '"
                    + v.path("dateTime").asText() + "' to the expected type 'Edm.DateTime'.");
        }
    }

    /** A supported time zone name as given; unknown names fail as Graph does. */
    private static String zoneName(String name) {
        if (name == null || name.isBlank()) {
            return "UTC";
        }
        if (WINDOWS_ZONES.containsKey(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        try {
            ZoneId.of(name);
            return name;
        } catch (DateTimeException e) {
            throw new GraphError(400, "TimeZoneNotSupportedException",
                    "A valid TimeZone value must be specified. The following TimeZone value is not supported: '"
                            + name + "'.");
        }
    }

    private static ObjectNode dateTimeTimeZone(Instant i) {
        ObjectNode o = NODES.objectNode();
        o.put("dateTime", GRAPH_DATE_TIME.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC)));
        o.put("timeZone", "UTC");
        return o;
    }

    /** Exchange keeps replies as HTML documents; a plain or fragment message comes back wrapped. */
    static String wrapHtml(String message) {
        if (message.isEmpty() || message.regionMatches(true, 0, "<html", 0, 5)) {
            return message;
        }
        return "<html>\r\n<body>\r\n" + message + "\r\n</body>\r\n</html>\r\n";
    }

    private static String userPurpose(String recipientTypeDetails) {
        return switch (recipientTypeDetails) {
            case "SharedMailbox" -> "shared";
            case "RoomMailbox" -> "room";
            case "EquipmentMailbox" -> "equipment";
            default -> "user";
        };
    }

    /** A mailbox by anything Get-Mailbox -Identity accepts: UPN, SMTP address, alias, display name, GUIDs. */
    Box resolveMailbox(String identity) {
        for (Box b : byUser.values()) {
            Map<String, Object> u = dir.users.get(b.userId);
            if (identity.equalsIgnoreCase(b.guid) || identity.equalsIgnoreCase(b.userId)
                    || identity.equalsIgnoreCase(String.valueOf(u.get("userPrincipalName")))
                    || identity.equalsIgnoreCase(String.valueOf(u.get("mail")))
                    || identity.equalsIgnoreCase(String.valueOf(u.get("mailNickname")))
                    || identity.equalsIgnoreCase(String.valueOf(u.get("displayName")))) {
                return b;
            }
        }
        throw GraphError.exchange(404, "NotFound", "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
                "The operation couldn't be performed because object '" + identity
                        + "' couldn't be found on 'SIMPR01A001DC01.SIMPR01A001.PROD.OUTLOOK.COM'.");
    }

    /** Grants delegate rights directly (seeding): {@code right} FullAccess, SendAs or SendOnBehalf; delegate by UPN. */
    void grant(String mailboxUserIdOrUpn, String right, String delegateUpn) {
        Box b = resolveMailbox(mailboxUserIdOrUpn);
        switch (right.toLowerCase(Locale.ROOT)) {
            case "fullaccess" -> b.fullAccess.add(delegateUpn);
            case "sendas" -> b.sendAs.add(delegateUpn);
            case "sendonbehalf" -> b.sendOnBehalf.add(delegateUpn);
            default -> throw new IllegalArgumentException("right must be FullAccess, SendAs or SendOnBehalf");
        }
    }

    /** A read-only copy of a mailbox for tests and the seed. */
    Map<String, Object> snapshot(Box b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipientTypeDetails", b.recipientTypeDetails);
        m.put("guid", b.guid);
        m.put("timeZone", b.timeZone);
        m.put("status", b.status);
        m.put("externalAudience", b.externalAudience);
        m.put("internalReplyMessage", b.internalReplyMessage);
        m.put("externalReplyMessage", b.externalReplyMessage);
        m.put("scheduledStart", b.start);
        m.put("scheduledEnd", b.end);
        m.put("fullAccess", List.copyOf(b.fullAccess));
        m.put("sendAs", List.copyOf(b.sendAs));
        m.put("sendOnBehalf", List.copyOf(b.sendOnBehalf));
        return m;
    }
}
