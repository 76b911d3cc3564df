package dev.idle.graphsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Exchange Online cmdlets the admin API's {@code InvokeCommand} serves on the simulated mailboxes
 * ({@code Get/Set-Mailbox}, {@code Get/Add/Remove-MailboxPermission}, {@code Get/Add/Remove-RecipientPermission}),
 * with PowerShell's parameter binding errors and Exchange's warnings for no-op changes. Not thread-safe; callers hold
 * the simulator's lock.
 */
final class ExchangeCmdlets {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Directory dir;
    private final Mailboxes mailboxes;

    ExchangeCmdlets(Directory dir, Mailboxes mailboxes) {
        this.dir = dir;
        this.mailboxes = mailboxes;
    }


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
        throw GraphError.exchange(400, "BadRequest", "System.Management.Automation.CommandNotFoundException", "The term '" + name
                + "' is not recognized as a name of a cmdlet, function, script file, or executable program.");
    }

    /** Runs one cmdlet; answers the {@code value} array of the response. */
    ArrayNode invoke(String cmdlet, JsonNode body, List<String> warnings) {
        JsonNode params = body.path("CmdletInput").path("Parameters");
        Map<String, JsonNode> p = new LinkedHashMap<>();
        if (!params.isMissingNode() && !params.isNull()) {
            if (!params.isObject()) {
                throw GraphError.exchange(400, "BadRequest", "System.ArgumentException", "Parameters must be an object.");
            }
            params.fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue()));
        }
        for (String k : p.keySet()) {
            if (CMDLETS.get(cmdlet).stream().noneMatch(k::equalsIgnoreCase)) {
                throw GraphError.exchange(400, "BadRequest", "System.Management.Automation.ParameterBindingException",
                        "A parameter cannot be found that matches parameter name '" + k + "'.");
            }
        }
        String identity = text(p, "Identity");
        if (identity == null) {
            if (cmdlet.equals("Get-Mailbox")) {
                ArrayNode all = NODES.arrayNode();
                mailboxes.byUser.values().forEach(b -> all.add(mailboxObject(b)));
                return all;
            }
            throw GraphError.exchange(400, "BadRequest", "System.Management.Automation.ParameterBindingException",
                    "Cannot process command because of one or more missing mandatory parameters: Identity.");
        }
        Mailboxes.Box b = mailboxes.resolveMailbox(identity);
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

    private void setMailbox(Mailboxes.Box b, Map<String, JsonNode> p, List<String> warnings) {
        String type = text(p, "Type");
        String newType = null;
        if (type != null) {
            newType = switch (type.toLowerCase(Locale.ROOT)) {
                case "regular" -> "UserMailbox";
                case "shared" -> "SharedMailbox";
                case "room" -> "RoomMailbox";
                case "equipment" -> "EquipmentMailbox";
                default -> throw GraphError.exchange(400, "BadRequest", "System.Management.Automation.ParameterBindingException",
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
            throw GraphError.exchange(400, "BadRequest", "System.ArgumentException",
                    "The simulator supports AccessRights FullAccess only.");
        }
    }

    private static void requireSendAs(Map<String, JsonNode> p) {
        if (!accessRights(p).contains("sendas")) {
            throw GraphError.exchange(400, "BadRequest", "System.ArgumentException",
                    "The simulator supports AccessRights SendAs only.");
        }
    }

    private static List<String> accessRights(Map<String, JsonNode> p) {
        JsonNode v = p.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("AccessRights"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (v == null) {
            throw GraphError.exchange(400, "BadRequest", "System.Management.Automation.ParameterBindingException",
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

    private ObjectNode mailboxObject(Mailboxes.Box b) {
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
        o.put("ExchangeGuid", UUID.nameUUIDFromBytes(b.guid.getBytes(StandardCharsets.UTF_8))
                .toString());
        o.put("ExternalDirectoryObjectId", b.userId);
        o.put("IsMailboxEnabled", true);
        ArrayNode grant = o.putArray("GrantSendOnBehalfTo");
        b.sendOnBehalf.forEach(grant::add);
        return o;
    }

    private void mailboxPermissions(Mailboxes.Box b, ArrayNode out) {
        ObjectNode self = permissionRow(b, "NT AUTHORITY\\SELF", false);
        self.putArray("AccessRights").add("FullAccess, ReadPermission");
        out.add(self);
        for (String u : b.fullAccess) {
            out.add(permissionRow(b, u, false));
        }
    }

    private ObjectNode permissionRow(Mailboxes.Box b, String user, boolean inherited) {
        ObjectNode o = NODES.objectNode();
        o.put("Identity", upn(b));
        o.put("User", user);
        o.putArray("AccessRights").add("FullAccess");
        o.put("IsInherited", inherited);
        o.put("Deny", false);
        o.put("InheritanceType", "All");
        return o;
    }

    private void recipientPermissions(Mailboxes.Box b, ArrayNode out) {
        ObjectNode self = recipientRow(b, "NT AUTHORITY\\SELF", false);
        self.putArray("AccessRights").add("SendAs");
        out.add(self);
        for (String t : b.sendAs) {
            out.add(recipientRow(b, t, false));
        }
    }

    private ObjectNode recipientRow(Mailboxes.Box b, String trustee, boolean inherited) {
        ObjectNode o = NODES.objectNode();
        o.put("Identity", upn(b));
        o.put("Trustee", trustee);
        o.put("AccessControlType", "Allow");
        o.putArray("AccessRights").add("SendAs");
        o.put("IsInherited", inherited);
        o.put("InheritanceType", "None");
        return o;
    }

    private String upn(Mailboxes.Box b) {
        return (String) dir.users.get(b.userId).get("userPrincipalName");
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
            throw GraphError.exchange(404, "NotFound", "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
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
            throw GraphError.exchange(400, "BadRequest", "System.Management.Automation.ParameterBindingException",
                    "Cannot process command because of one or more missing mandatory parameters: " + key + ".");
        }
        return v;
    }
}
