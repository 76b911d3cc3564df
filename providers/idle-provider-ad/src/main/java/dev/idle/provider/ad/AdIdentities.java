package dev.idle.provider.ad;

import static dev.idle.provider.ad.AdDirectory.ACCOUNTDISABLE;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Identity;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The life of an existing user: read (GetIdentity), list (ListIdentities), enable, disable, move and delete. Changes
 * are idempotent (a user already in the wanted state is reported unchanged; deleting a missing user too); an unknown
 * user fails with a {@link dev.idle.spi.ProviderException}. Deleting fails unless the host file allows it.
 * Thread-safe.
 */
final class AdIdentities {

    private final AdSettings settings;
    private final AdCalls calls;
    private final AdDirectory directory;

    AdIdentities(AdSettings settings, AdCalls calls, AdDirectory directory) {
        this.settings = settings;
        this.calls = calls;
        this.directory = directory;
    }

    Identity getIdentity(String identityKey, AuthSession session) {
        return calls.run(session, ldap -> {
            SearchResultEntry user = directory.requireUser(ldap, identityKey);
            DataMap attributes = new DataMap();
            for (String[] a : AdAttributes.READ) {
                String v = user.getAttributeValue(a[1]);
                if (v != null) {
                    attributes.put(a[0], v);
                }
            }
            attributes.put("DistinguishedName", user.getDN());
            String guid = Guids.fromObjectGuid(user.getAttributeValueBytes("objectGUID"));
            if (guid != null) {
                attributes.put("ObjectGuid", guid);
            }
            return new Identity(identityKey, AdDirectory.enabled(user), attributes);
        });
    }

    /**
     * {@code ListIdentities}: the objectGUIDs of all users, or of those whose sAMAccountName or UPN starts with
     * {@code filter.Search}.
     */
    List<String> listIdentities(DataMap filter, AuthSession session) {
        Object search = filter == null ? null : filter.get("Search");
        String s = search == null ? "" : Values.ps(search).trim();
        Filter f = s.isEmpty() ? AdDirectory.users(null)
                : AdDirectory.users(Filter.createORFilter(
                        Filter.createSubstringFilter("sAMAccountName", s, null, null),
                        Filter.createSubstringFilter("userPrincipalName", s, null, null)));
        return calls.run(session, ldap -> {
            List<String> keys = new ArrayList<>();
            for (SearchResultEntry e : directory.pagedSearch(ldap, f, "objectGUID")) {
                String g = Guids.fromObjectGuid(e.getAttributeValueBytes("objectGUID"));
                if (g != null) {
                    keys.add(g);
                }
            }
            return keys;
        });
    }

    ProviderResult deleteIdentity(String identityKey, AuthSession session) {
        if (!settings.allowDelete()) {
            throw new IllegalStateException("Delete capability is not enabled. Set 'allowDelete: true' in the AD "
                    + "provider's host-file entry (see " + AdProvider.DOCS + ").");
        }
        return calls.run(session, ldap -> {
            SearchResultEntry user = directory.findUser(ldap, identityKey);
            if (user == null) {
                return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
            }
            try {
                ldap.delete(user.getDN());
            } catch (LDAPException e) {
                if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                    return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
                }
                throw e;
            }
            return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, true);
        });
    }

    ProviderResult disableIdentity(String identityKey, AuthSession session) {
        return setEnabled(ProviderMethods.DISABLE_IDENTITY, identityKey, false, session);
    }

    ProviderResult enableIdentity(String identityKey, AuthSession session) {
        return setEnabled(ProviderMethods.ENABLE_IDENTITY, identityKey, true, session);
    }

    private ProviderResult setEnabled(String operation, String identityKey, boolean enable, AuthSession session) {
        return calls.run(session, ldap -> {
            SearchResultEntry user = directory.requireUser(ldap, identityKey);
            if (AdDirectory.enabled(user) == enable) {
                return ProviderResult.of(operation, identityKey, false);
            }
            int uac = AdDirectory.uac(user);
            int updated = enable ? uac & ~ACCOUNTDISABLE : uac | ACCOUNTDISABLE;
            // delete the old value and add the new one in one modify: fails instead of overwriting a concurrent change
            ldap.modify(user.getDN(),
                    new Modification(ModificationType.DELETE, "userAccountControl", Integer.toString(uac)),
                    new Modification(ModificationType.ADD, "userAccountControl", Integer.toString(updated)));
            return ProviderResult.of(operation, identityKey, true);
        });
    }

    ProviderResult moveIdentity(String identityKey, String targetContainer, AuthSession session) {
        if (targetContainer == null || targetContainer.isBlank()) {
            throw new IllegalArgumentException("MoveIdentity: TargetContainer must not be empty.");
        }
        return calls.run(session, ldap -> {
            SearchResultEntry user = directory.requireUser(ldap, identityKey);
            DN dn = new DN(user.getDN());
            DN target = new DN(targetContainer);
            DataMap extras = DataMap.of("TargetContainer", targetContainer);
            if (target.equals(dn.getParent())) {
                return new ProviderResult(ProviderMethods.MOVE_IDENTITY, identityKey, false, extras);
            }
            ldap.modifyDN(new ModifyDNRequest(dn, dn.getRDN(), true, target));
            return new ProviderResult(ProviderMethods.MOVE_IDENTITY, identityKey, true, extras);
        });
    }
}
