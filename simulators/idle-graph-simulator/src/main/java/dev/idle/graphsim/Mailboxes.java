package dev.idle.graphsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Exchange Online mailboxes of the simulated tenant, one per user that has one, and the two APIs that reach them:
 * Graph's {@code /users/{id}/mailboxSettings} and the Exchange admin API's {@code InvokeCommand} (the REST endpoint
 * the ExchangeOnlineManagement V3 module calls). Both work on the same state, as in a real tenant: automatic replies
 * set through Graph, a type converted with {@code Set-Mailbox -Type} shows in {@code userPurpose}. Not thread-safe;
 * {@link GraphSimulator} calls it under its lock.
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

    // ------------------------------------------------------------------ Exchange admin API: InvokeCommand

    /** The cmdlets served and the parameters each accepts; Get- cmdlets are reads, the rest writes. */
    static final Map<String, Set<String>> CMDLETS = Map.of(
            "Get-Mailbox", Set.of("Identity", "ResultSize"),
            "Set-Mailbox", Set.of("Identity", "Type", "GrantSendOnBehalfTo", "Confirm"),
            "Get-MailboxPermission", Set.of("Identity", "User", "ResultSize"),
            "Add-MailboxPermission", Set.of("Identity", "User", "AccessRights", "InheritanceType", "AutoMapping",
                    "Confirm"),
            "Remove-MailboxPermission", Set.of("Identity", "User", "AccessRights", "InheritanceType", "Confirm"),
            "Get-RecipientPermission", Set.of("Identity", "Trustee", "AccessRights", "ResultSize"),
            "Add-RecipientPermission", Set.of("Identity", "Trustee", "AccessRights", "Confirm"),
            "Remove-RecipientPermission", Set.of("Identity", "Trustee", "AccessRights", "Confirm"));

    static boolean isRead(String cmdlet) {
        return cmdlet.startsWith("Get-");
    }

    /** Canonical cmdlet name (cmdlet names ignore case), or an error as PowerShell words it. */
    static String cmdlet(JsonNode body) {
        JsonNode input = body == null ? null : body.get("CmdletInput");
        if (input == null || !input.path("CmdletName").isTextual()) {
            throw new GraphError(400, "BadRequest", "The request body must be {\"CmdletInput\":{\"CmdletName\":…,"
                    + "\"Parameters\":{…}}}.");
        }
        String name = input.get("CmdletName").asText();
        for (String c : CMDLETS.keySet()) {
            if (c.equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw exoError(400, "BadRequest", "System.Management.Automation.CommandNotFoundException", "The term '" + name
                + "' is not recognized as a name of a cmdlet, function, script file, or executable program.");
    }

    /** Runs one cmdlet; answers the {@code value} array of the response. */
    ArrayNode invoke(String cmdlet, JsonNode body, List<String> warnings) {
        JsonNode params = body.path("CmdletInput").path("Parameters");
        Map<String, JsonNode> p = new LinkedHashMap<>();
        if (!params.isMissingNode() && !params.isNull()) {
            if (!params.isObject()) {
                throw exoError(400, "BadRequest", "System.ArgumentException", "Parameters must be an object.");
            }
            params.fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue()));
        }
        for (String k : p.keySet()) {
            if (CMDLETS.get(cmdlet).stream().noneMatch(k::equalsIgnoreCase)) {
                throw exoError(400, "BadRequest", "System.Management.Automation.ParameterBindingException",
                        "A parameter cannot be found that matches parameter name '" + k + "'.");
            }
        }
        String identity = text(p, "Identity");
        if (identity == null) {
            if (cmdlet.equals("Get-Mailbox")) {
                ArrayNode all = NODES.arrayNode();
                byUser.values().forEach(b -> all.add(mailboxObject(b)));
                return all;
            }
            throw exoError(400, "BadRequest", "System.Management.Automation.ParameterBindingException",
                    "Cannot process command because of one or more missing mandatory parameters: Identity.");
        }
        Box b = resolveMailbox(identity);
        ArrayNode out = NODES.arrayNode();
        switch (cmdlet) {
            case "Get-Mailbox" -> out.add(mailboxObject(b));
            case "Set-Mailbox" -> setMailbox(b, p, warnings);
            case "Get-MailboxPermission" -> mailboxPermissions(b, out);
            case "Add-MailboxPermission" -> {
                String user = resolveRecipient(required(p, "User"));
                requireFullAccess(p);
                if (containsIgnoreCase(b.fullAccess, user)) {
                    warnings.add("The appropriate access control entry is already present on the object \""
                            + upn(b) + "\" for account \"" + user + "\".");
                } else {
                    b.fullAccess.add(user);
                }
                out.add(permissionRow(b, user, false));
            }
            case "Remove-MailboxPermission" -> {
                String user = resolveRecipient(required(p, "User"));
                requireFullAccess(p);
                if (!b.fullAccess.removeIf(x -> x.equalsIgnoreCase(user))) {
                    warnings.add("An Access Control Entry for the given user was not found on object \"" + upn(b)
                            + "\".");
                }
            }
            case "Get-RecipientPermission" -> recipientPermissions(b, out);
            case "Add-RecipientPermission" -> {
                String trustee = resolveRecipient(required(p, "Trustee"));
                requireSendAs(p);
                if (containsIgnoreCase(b.sendAs, trustee)) {
                    warnings.add("The appropriate access control entry is already present on the object \""
                            + upn(b) + "\" for account \"" + trustee + "\".");
                } else {
                    b.sendAs.add(trustee);
                }
                out.add(recipientRow(b, trustee, false));
            }
            case "Remove-RecipientPermission" -> {
                String trustee = resolveRecipient(required(p, "Trustee"));
                requireSendAs(p);
                if (!b.sendAs.removeIf(x -> x.equalsIgnoreCase(trustee))) {
                    warnings.add("The ACE for the given trustee was not found on object \"" + upn(b) + "\".");
                }
            }
            default -> throw new IllegalStateException(cmdlet);
        }
        return out;
    }

    private void setMailbox(Box b, Map<String, JsonNode> p, List<String> warnings) {
        String type = text(p, "Type");
        String newType = null;
        if (type != null) {
            newType = switch (type.toLowerCase(Locale.ROOT)) {
                case "regular" -> "UserMailbox";
                case "shared" -> "SharedMailbox";
                case "room" -> "RoomMailbox";
                case "equipment" -> "EquipmentMailbox";
                default -> throw exoError(400, "BadRequest", "System.Management.Automation.ParameterBindingException",
                        "Cannot bind parameter 'Type'. Cannot convert value \"" + type + "\" to type "
                                + "\"Microsoft.Exchange.Management.RecipientTasks.ConvertibleMailboxSubType\". Error: "
                                + "\"Unable to match the identifier name " + type + " to a valid enumerator name. "
                                + "Specify one of the following enumerator names and try again: Regular, Room, "
                                + "Equipment, Shared\"");
            };
        }
        List<String> delegates = null;
        JsonNode grant = p.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("GrantSendOnBehalfTo"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (grant != null) {
            delegates = new ArrayList<>();
            if (grant.isArray()) {
                for (JsonNode d : grant) {
                    delegates.add(resolveRecipient(d.asText()));
                }
            } else if (!grant.isNull() && !grant.asText().isEmpty()) {
                delegates.add(resolveRecipient(grant.asText()));
            }
        }
        if (newType != null) {
            if (newType.equals(b.recipientTypeDetails)) {
                warnings.add("The command completed successfully but no settings of '" + upn(b)
                        + "' have been modified.");
            }
            b.recipientTypeDetails = newType;
        }
        if (delegates != null) {
            b.sendOnBehalf.clear();
            for (String d : delegates) {
                if (!containsIgnoreCase(b.sendOnBehalf, d)) {
                    b.sendOnBehalf.add(d);
                }
            }
        }
    }

    private static void requireFullAccess(Map<String, JsonNode> p) {
        if (!accessRights(p).contains("fullaccess")) {
            throw exoError(400, "BadRequest", "System.ArgumentException",
                    "The simulator supports AccessRights FullAccess only.");
        }
    }

    private static void requireSendAs(Map<String, JsonNode> p) {
        if (!accessRights(p).contains("sendas")) {
            throw exoError(400, "BadRequest", "System.ArgumentException",
                    "The simulator supports AccessRights SendAs only.");
        }
    }

    private static List<String> accessRights(Map<String, JsonNode> p) {
        JsonNode v = p.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("AccessRights"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (v == null) {
            throw exoError(400, "BadRequest", "System.Management.Automation.ParameterBindingException",
                    "Cannot process command because of one or more missing mandatory parameters: AccessRights.");
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
        } else {
            for (String s : v.asText().split(",")) {
                out.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private ObjectNode mailboxObject(Box b) {
        Map<String, Object> u = dir.users.get(b.userId);
        ObjectNode o = NODES.objectNode();
        String upn = (String) u.get("userPrincipalName");
        String smtp = u.get("mail") instanceof String m && !m.isBlank() ? m : upn;
        String alias = u.get("mailNickname") instanceof String n ? n : upn.substring(0, upn.indexOf('@'));
        o.put("Identity", alias);
        o.put("Name", alias);
        o.put("Alias", alias);
        o.put("DisplayName", String.valueOf(u.getOrDefault("displayName", upn)));
        o.put("PrimarySmtpAddress", smtp);
        o.put("UserPrincipalName", upn);
        o.put("WindowsEmailAddress", smtp);
        o.putArray("EmailAddresses").add("SMTP:" + smtp);
        o.put("RecipientType", "UserMailbox");
        o.put("RecipientTypeDetails", b.recipientTypeDetails);
        o.put("Guid", b.guid);
        o.put("ExchangeGuid", UUID.nameUUIDFromBytes(b.guid.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        o.put("ExternalDirectoryObjectId", b.userId);
        o.put("IsMailboxEnabled", true);
        ArrayNode grant = o.putArray("GrantSendOnBehalfTo");
        b.sendOnBehalf.forEach(grant::add);
        return o;
    }

    private void mailboxPermissions(Box b, ArrayNode out) {
        ObjectNode self = permissionRow(b, "NT AUTHORITY\\SELF", false);
        self.putArray("AccessRights").add("FullAccess, ReadPermission");
        out.add(self);
        for (String u : b.fullAccess) {
            out.add(permissionRow(b, u, false));
        }
    }

    private ObjectNode permissionRow(Box b, String user, boolean inherited) {
        ObjectNode o = NODES.objectNode();
        o.put("Identity", upn(b));
        o.put("User", user);
        o.putArray("AccessRights").add("FullAccess");
        o.put("IsInherited", inherited);
        o.put("Deny", false);
        o.put("InheritanceType", "All");
        return o;
    }

    private void recipientPermissions(Box b, ArrayNode out) {
        ObjectNode self = recipientRow(b, "NT AUTHORITY\\SELF", false);
        self.putArray("AccessRights").add("SendAs");
        out.add(self);
        for (String t : b.sendAs) {
            out.add(recipientRow(b, t, false));
        }
    }

    private ObjectNode recipientRow(Box b, String trustee, boolean inherited) {
        ObjectNode o = NODES.objectNode();
        o.put("Identity", upn(b));
        o.put("Trustee", trustee);
        o.put("AccessControlType", "Allow");
        o.putArray("AccessRights").add("SendAs");
        o.put("IsInherited", inherited);
        o.put("InheritanceType", "None");
        return o;
    }

    private String upn(Box b) {
        return (String) dir.users.get(b.userId).get("userPrincipalName");
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
        throw exoError(404, "NotFound", "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
                "The operation couldn't be performed because object '" + identity
                        + "' couldn't be found on 'SIMPR01A001DC01.SIMPR01A001.PROD.OUTLOOK.COM'.");
    }

    /** A delegate (any directory user, by UPN, mail, alias or id) as its UPN. */
    private String resolveRecipient(String identity) {
        Map<String, Object> u = dir.findUser(identity);
        if (u == null) {
            for (Map<String, Object> x : dir.users.values()) {
                if (identity.equalsIgnoreCase(String.valueOf(x.get("mail")))
                        || identity.equalsIgnoreCase(String.valueOf(x.get("mailNickname")))) {
                    u = x;
                    break;
                }
            }
        }
        if (u == null) {
            throw exoError(404, "NotFound", "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
                    "The operation couldn't be performed because object '" + identity + "' couldn't be found on "
                            + "'SIMPR01A001DC01.SIMPR01A001.PROD.OUTLOOK.COM'.");
        }
        return (String) u.get("userPrincipalName");
    }

    private static boolean containsIgnoreCase(List<String> list, String s) {
        return list.stream().anyMatch(x -> x.equalsIgnoreCase(s));
    }

    private static String text(Map<String, JsonNode> p, String key) {
        for (Map.Entry<String, JsonNode> e : p.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key) && !e.getValue().isNull()) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    private static String required(Map<String, JsonNode> p, String key) {
        String v = text(p, key);
        if (v == null || v.isBlank()) {
            throw exoError(400, "BadRequest", "System.Management.Automation.ParameterBindingException",
                    "Cannot process command because of one or more missing mandatory parameters: " + key + ".");
        }
        return v;
    }

    /** An admin-API error: the message carries Exchange's {@code |<exception type>|<text>} form. */
    static GraphError exoError(int status, String code, String exceptionType, String text) {
        return new GraphError(status, code, "|" + exceptionType + "|" + text);
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
