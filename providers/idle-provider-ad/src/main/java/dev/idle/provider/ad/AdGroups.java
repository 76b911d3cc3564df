package dev.idle.provider.ad;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Entitlement;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Entitlements as group memberships: lists a user's groups (its {@code memberOf}), grants and revokes by editing
 * the group's {@code member} attribute, and resolves a group's GUID, DN or sAMAccountName to its DN. Grant and
 * revoke are idempotent: a membership that already is (or is not) there, even if changed concurrently, is reported
 * unchanged. An empty Kind or Id fails before the directory is contacted. Thread-safe.
 */
final class AdGroups {

    private final AdCalls calls;
    private final AdDirectory directory;

    AdGroups(AdCalls calls, AdDirectory directory) {
        this.calls = calls;
        this.directory = directory;
    }

    List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
        return calls.run(session, ldap -> {
            SearchResultEntry user = directory.requireUser(ldap, identityKey);
            List<Entitlement> groups = new ArrayList<>();
            String[] memberOf = user.getAttributeValues("memberOf");
            if (memberOf != null) {
                for (String g : memberOf) {
                    groups.add(Entitlement.of("Group", g));
                }
            }
            return groups;
        });
    }

    List<Entitlement> listEntitlements(String identityKey, AuthSession session, String kind) {
        List<Entitlement> all = listEntitlements(identityKey, session);
        return kind == null || kind.isBlank() ? all
                : all.stream().filter(e -> e.kind().equalsIgnoreCase(kind.trim())).toList();
    }

    ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return setMembership(ProviderMethods.GRANT_ENTITLEMENT, identityKey, entitlement, true, session);
    }

    ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return setMembership(ProviderMethods.REVOKE_ENTITLEMENT, identityKey, entitlement, false, session);
    }

    /** Adds the user to the group ({@code member} true) or removes it, unless it already is (or is not) there. */
    private ProviderResult setMembership(String operation, String identityKey, Entitlement entitlement,
            boolean member, AuthSession session) {
        Entitlement ent = Entitlement.requireKindAndId(entitlement);
        return calls.run(session, ldap -> {
            SearchResultEntry user = directory.requireUser(ldap, identityKey);
            String group = directory.resolveGroup(ldap, ent.id());
            boolean changed = false;
            if (isMember(user, group) != member) {
                ModificationType change = member ? ModificationType.ADD : ModificationType.DELETE;
                try {
                    ldap.modify(group, new Modification(change, "member", user.getDN()));
                    changed = true;
                } catch (LDAPException e) {
                    if (!alreadyDone(e.getResultCode(), member)) {
                        throw e;
                    }
                }
            }
            return new ProviderResult(operation, identityKey, changed, DataMap.of("Entitlement", ent.toData()));
        });
    }

    /** Whether the DC refused a membership change because a concurrent change already made it. */
    private static boolean alreadyDone(ResultCode rc, boolean member) {
        return member ? rc == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS || rc == ResultCode.ENTRY_ALREADY_EXISTS
                : rc == ResultCode.NO_SUCH_ATTRIBUTE;
    }

    Entitlement resolveEntitlement(Entitlement entitlement, AuthSession session) {
        Entitlement ent = Entitlement.requireKindAndId(entitlement);
        if (!ent.kind().equalsIgnoreCase("Group")) {
            return ent;
        }
        return calls.run(session, ldap -> new Entitlement(ent.kind(), directory.resolveGroup(ldap, ent.id()),
                ent.extras()));
    }

    private static boolean isMember(SearchResultEntry user, String groupDn) throws LDAPException {
        String[] memberOf = user.getAttributeValues("memberOf");
        if (memberOf == null) {
            return false;
        }
        DN group = new DN(groupDn);
        for (String m : memberOf) {
            if (new DN(m).equals(group)) {
                return true;
            }
        }
        return false;
    }
}
