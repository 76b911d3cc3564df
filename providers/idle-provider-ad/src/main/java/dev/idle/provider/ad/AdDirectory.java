package dev.idle.provider.ad;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import dev.idle.spi.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Finds users and groups under the configured base DN. A key is an objectGUID (any .NET GUID format), a
 * distinguished name, a user principal name (containing {@code @}) or a sAMAccountName; a key matching more than one
 * object is an error rather than a guess. Also reads the account state ({@code userAccountControl}) of a user entry.
 * Stateless apart from its settings, so thread-safe; every method works on the connection it is given.
 */
final class AdDirectory {

    static final int ACCOUNTDISABLE = 0x2;
    static final int NORMAL_ACCOUNT = 0x200;
    private static final String[] USER_ATTRS = {"objectGUID", "distinguishedName", "userAccountControl", "memberOf",
        "givenName", "sn", "displayName", "description", "department", "title", "mail", "userPrincipalName",
        "sAMAccountName", "manager", "*"};

    private final AdSettings settings;

    AdDirectory(AdSettings settings) {
        this.settings = settings;
    }

    /** User objects, narrowed by {@code condition} when not null. */
    static Filter users(Filter condition) {
        Filter base = Filter.createANDFilter(Filter.createEqualityFilter("objectCategory", "person"),
                Filter.createEqualityFilter("objectClass", "user"));
        return condition == null ? base : Filter.createANDFilter(base, condition);
    }

    /** The user {@code key} names, or null; only "no such object" counts as not found, other errors propagate. */
    SearchResultEntry findUser(LDAPInterface ldap, String key) throws LDAPException {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("IdentityKey must not be empty.");
        }
        UUID guid = Guids.parse(key);
        if (guid != null) {
            return single(ldap, settings.baseDn(), SearchScope.SUB,
                    users(Filter.createEqualityFilter("objectGUID", Guids.toObjectGuid(guid))), key);
        }
        if (isDn(key)) {
            return single(ldap, key, SearchScope.BASE, users(null), key);
        }
        if (key.contains("@")) {
            return single(ldap, settings.baseDn(), SearchScope.SUB,
                    users(Filter.createEqualityFilter("userPrincipalName", key)), key);
        }
        return single(ldap, settings.baseDn(), SearchScope.SUB,
                users(Filter.createEqualityFilter("sAMAccountName", key)), key);
    }

    /** The user {@code key} names; a {@link ProviderException} saying how the key was read when there is none. */
    SearchResultEntry requireUser(LDAPInterface ldap, String key) throws LDAPException {
        SearchResultEntry user = findUser(ldap, key);
        if (user == null) {
            throw new ProviderException("Identity with " + keyKind(key) + " '" + key + "' not found.");
        }
        return user;
    }

    /** The DN of the group {@code id} (GUID, DN or sAMAccountName) names; a {@link ProviderException} if none. */
    String resolveGroup(LDAPInterface ldap, String id) throws LDAPException {
        Filter group = Filter.createEqualityFilter("objectClass", "group");
        UUID guid = Guids.parse(id);
        SearchResultEntry e;
        String how;
        if (guid != null) {
            how = "GUID";
            e = single(ldap, settings.baseDn(), SearchScope.SUB, Filter.createANDFilter(group,
                    Filter.createEqualityFilter("objectGUID", Guids.toObjectGuid(guid))), id);
        } else if (isDn(id)) {
            how = "DN";
            e = single(ldap, id, SearchScope.BASE, group, id);
        } else {
            how = "sAMAccountName";
            e = single(ldap, settings.baseDn(), SearchScope.SUB, Filter.createANDFilter(group,
                    Filter.createEqualityFilter("sAMAccountName", id)), id);
        }
        if (e == null) {
            throw new ProviderException("Group with " + how + " '" + id + "' not found.");
        }
        return e.getDN();
    }

    /** The DN of the user a {@code Manager} attribute value names. */
    String resolveManager(LDAPInterface ldap, Object value) throws LDAPException {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("Manager: expected a string (DN, GUID, UPN or sAMAccountName), got "
                    + value.getClass().getSimpleName() + ".");
        }
        if (s.isBlank()) {
            throw new IllegalArgumentException("Manager: must not be blank.");
        }
        String how = keyKind(s);
        SearchResultEntry m = findUser(ldap, s.trim());
        if (m == null) {
            throw new ProviderException("Manager: Could not find user with " + how + " '" + s + "'.");
        }
        return m.getDN();
    }

    /** All entries matching {@code filter} under the base DN, fetched page by page (the DC caps unpaged results). */
    List<SearchResultEntry> pagedSearch(LDAPInterface ldap, Filter filter, String... attrs) throws LDAPException {
        List<SearchResultEntry> all = new ArrayList<>();
        ASN1OctetString cookie = null;
        do {
            SearchRequest req = new SearchRequest(settings.baseDn(), SearchScope.SUB, filter, attrs);
            req.setControls(new SimplePagedResultsControl(500, cookie));
            SearchResult r = ldap.search(req);
            all.addAll(r.getSearchEntries());
            SimplePagedResultsControl c = SimplePagedResultsControl.get(r);
            cookie = c == null ? null : c.getCookie();
        } while (cookie != null && cookie.getValueLength() > 0);
        return all;
    }

    private SearchResultEntry single(LDAPInterface ldap, String base, SearchScope scope, Filter filter, String key)
            throws LDAPException {
        SearchResult r;
        try {
            r = ldap.search(new SearchRequest(base, scope, filter, USER_ATTRS));
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT || e.getResultCode() == ResultCode.INVALID_DN_SYNTAX) {
                return null;
            }
            throw e;
        }
        List<SearchResultEntry> entries = r.getSearchEntries();
        if (entries.size() > 1) {
            throw new ProviderException("Identity key '" + key + "' matches " + entries.size()
                    + " directory objects; use an objectGUID or distinguished name.");
        }
        return entries.isEmpty() ? null : entries.get(0);
    }

    /** How a user key is read, for messages: GUID, DN, UPN or sAMAccountName. */
    private static String keyKind(String key) {
        return Guids.parse(key) != null ? "GUID" : isDn(key) ? "DN" : key.contains("@") ? "UPN" : "sAMAccountName";
    }

    static boolean isDn(String key) {
        return key.contains("=") && key.contains(",") && DN.isValidDN(key);
    }

    static boolean enabled(SearchResultEntry user) {
        return (uac(user) & ACCOUNTDISABLE) == 0;
    }

    static int uac(SearchResultEntry user) {
        Integer v = user.getAttributeValueAsInteger("userAccountControl");
        return v == null ? 0 : v;
    }
}
