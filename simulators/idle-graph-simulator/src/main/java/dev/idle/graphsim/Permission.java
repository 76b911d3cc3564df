package dev.idle.graphsim;

import java.util.Set;

/**
 * Operations the simulator authorises, each with the Graph application permissions (app roles) any one of which
 * grants it, following Graph's permission reference for the endpoints served. An app registered without roles is
 * granted everything.
 */
enum Permission {
    USER_READ("User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
    USER_WRITE("User.ReadWrite.All", "Directory.ReadWrite.All"),
    USER_REVOKE_SESSIONS("User.RevokeSessions.All", "User.ReadWrite.All", "Directory.ReadWrite.All"),
    GROUP_READ("Group.Read.All", "Group.ReadWrite.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All",
            "Directory.Read.All", "Directory.ReadWrite.All"),
    GROUP_MEMBER_WRITE("GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"),
    AU_READ("AdministrativeUnit.Read.All", "AdministrativeUnit.ReadWrite.All", "Directory.Read.All",
            "Directory.ReadWrite.All"),
    AU_MEMBER_WRITE("AdministrativeUnit.ReadWrite.All", "Directory.ReadWrite.All"),
    MAILBOX_SETTINGS_READ("MailboxSettings.Read", "MailboxSettings.ReadWrite"),
    MAILBOX_SETTINGS_WRITE("MailboxSettings.ReadWrite"),
    /** The Office 365 Exchange Online application permission the admin API (InvokeCommand) needs. */
    EXCHANGE_MANAGE("Exchange.ManageAsApp");

    final Set<String> grantedBy;

    Permission(String... roles) {
        this.grantedBy = Set.of(roles);
    }

    boolean grantedTo(Set<String> roles) {
        if (roles == null) {
            return true;
        }
        for (String r : roles) {
            if (grantedBy.contains(r)) {
                return true;
            }
        }
        return false;
    }
}
