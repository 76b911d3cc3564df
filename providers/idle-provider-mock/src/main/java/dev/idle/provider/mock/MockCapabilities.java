package dev.idle.provider.mock;

import java.util.List;
import java.util.regex.Pattern;

/** The capability catalog the mock advertises by default, and the syntax a capability id must follow. */
final class MockCapabilities {
    static final List<String> ALL = List.of(
            "IdLE.Identity.Read", "IdLE.Identity.List", "IdLE.Identity.Create", "IdLE.Identity.Delete",
            "IdLE.Identity.Disable", "IdLE.Identity.Enable", "IdLE.Identity.Move", "IdLE.Identity.Attribute.Ensure",
            "IdLE.Identity.RevokeSessions",
            "IdLE.Entitlement.List", "IdLE.Entitlement.Grant", "IdLE.Entitlement.Revoke", "IdLE.Entitlement.Prune",
            "IdLE.Mailbox.Info.Read", "IdLE.Mailbox.Type.Ensure", "IdLE.Mailbox.OutOfOffice.Ensure",
            "IdLE.Mailbox.Permissions.Ensure",
            "IdLE.DirectorySync.Trigger", "IdLE.DirectorySync.Status");

    private static final Pattern ID = Pattern.compile("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+$");

    private MockCapabilities() {
    }

    static String validate(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Mock provider option 'capabilities': '" + id
                    + "' is not a capability id (expected dotted words such as IdLE.Identity.Read).");
        }
        return id;
    }
}
