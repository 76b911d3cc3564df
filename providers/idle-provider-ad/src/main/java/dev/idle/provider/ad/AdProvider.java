package dev.idle.provider.ad;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AdvertisedCapabilities;
import dev.idle.spi.AttributeEnsurer;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Capability;
import dev.idle.spi.Entitlement;
import dev.idle.spi.EntitlementGranter;
import dev.idle.spi.EntitlementLister;
import dev.idle.spi.EntitlementResolver;
import dev.idle.spi.EntitlementRevoker;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityCreator;
import dev.idle.spi.IdentityDeleter;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.IdentityEnabler;
import dev.idle.spi.IdentityLister;
import dev.idle.spi.IdentityMover;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Secret;
import dev.idle.spi.SecretReferences;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.net.ssl.SSLException;

/**
 * Active Directory over LDAP (LDAPS or StartTLS only). Identity keys are objectGUIDs (any .NET GUID format),
 * distinguished names, user principal names (containing {@code @}) or sAMAccountNames; entitlements are groups
 * identified by DN. Every method takes an optional {@code Credential} auth session; without one the provider's own
 * bind credential is used.
 */
public final class AdProvider implements Provider, IdentityReader, IdentityLister, IdentityCreator, AttributeEnsurer,
        IdentityMover, IdentityDisabler, IdentityEnabler, EntitlementLister, EntitlementGranter, EntitlementRevoker,
        EntitlementResolver, IdentityDeleter {

    static final String DOCS = "docs/providers/ad.md";
    static final int ACCOUNTDISABLE = 0x2;
    static final int NORMAL_ACCOUNT = 0x200;
    private static final String[] USER_ATTRS = {"objectGUID", "distinguishedName", "userAccountControl", "memberOf",
        "givenName", "sn", "displayName", "description", "department", "title", "mail", "userPrincipalName",
        "sAMAccountName", "manager", "*"};

    private final AdSettings settings;
    private final Connections connections;
    private final PasswordGenerator generator = new PasswordGenerator(new SecureRandom());

    AdProvider(AdSettings settings, Connections connections) {
        this.settings = settings;
        this.connections = connections;
    }

    /** What it implements (in the order of the {@code implements} clause) plus Prune; Delete only when allowed. */
    @Override
    public List<String> capabilities() {
        return AdvertisedCapabilities.implementedBy(this).plus(Capability.ENTITLEMENT_PRUNE)
                .withheldUnless(settings.allowDelete(), Capability.IDENTITY_DELETE).ids();
    }

    @Override
    public String whyNot(String capability) {
        if (Capability.IDENTITY_REVOKE_SESSIONS.isNamedBy(capability)) {
            return "Active Directory cannot revoke sessions: Kerberos tickets (and NTLM sessions) already issued stay "
                    + "valid until they expire, whatever is changed in the directory. Disable the account, reset its "
                    + "password twice, and revoke cloud sessions in Entra ID (an Entra ID provider alias); see "
                    + DOCS + ".";
        }
        if (Capability.IDENTITY_DELETE.isNamedBy(capability) && !settings.allowDelete()) {
            return "deleting is off for this AD provider; set 'allowDelete: true' in its host-file entry (see "
                    + DOCS + ").";
        }
        return null;
    }

    // ---------------------------------------------------------------- identities

    @Override
    public Identity getIdentity(String identityKey, AuthSession session) {
        return run(session, ldap -> {
            SearchResultEntry user = requireUser(ldap, identityKey);
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
            return new Identity(identityKey, enabled(user), attributes);
        });
    }

    /**
     * {@code ListIdentities}: the objectGUIDs of all users, or of those whose sAMAccountName or UPN starts with
     * {@code filter.Search}.
     */
    @Override
    public List<String> listIdentities(DataMap filter, AuthSession session) {
        Object search = filter == null ? null : filter.get("Search");
        String s = search == null ? "" : Values.ps(search).trim();
        Filter f = s.isEmpty() ? users(null)
                : users(Filter.createORFilter(Filter.createSubstringFilter("sAMAccountName", s, null, null),
                        Filter.createSubstringFilter("userPrincipalName", s, null, null)));
        return run(session, ldap -> {
            List<String> keys = new ArrayList<>();
            for (SearchResultEntry e : pagedSearch(ldap, f, "objectGUID")) {
                String g = Guids.fromObjectGuid(e.getAttributeValueBytes("objectGUID"));
                if (g != null) {
                    keys.add(g);
                }
            }
            return keys;
        });
    }

    @Override
    public ProviderResult createIdentity(String identityKey, DataMap attributes, AuthSession session) {
        DataMap attrs = attributes == null ? new DataMap() : attributes;
        List<String> unsupported = new ArrayList<>();
        for (String k : attrs.keySet()) {
            if (AdAttributes.CREATE.stream().noneMatch(k::equalsIgnoreCase)) {
                unsupported.add(k);
            }
        }
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("AD Provider: Unsupported attributes in CreateIdentity operation. "
                    + "Unsupported: " + String.join(", ", unsupported) + ". Supported: "
                    + String.join(", ", AdAttributes.sortedCreateNames())
                    + ". Set other LDAP attributes through 'OtherAttributes' (a map of LDAP attribute names to values).");
        }
        DataMap other = otherAttributes(attrs.get(AdAttributes.OTHER_ATTRIBUTES));
        Secret supplied = suppliedPassword(attrs);
        return run(session, ldap -> {
            if (findUser(ldap, identityKey) != null) {
                return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, false);
            }
            boolean enabled = attrs.get("Enabled") == null || Values.truthy(attrs.get("Enabled"));
            UUID guid = Guids.parse(identityKey);
            boolean isDn = guid == null && isDn(identityKey);
            boolean isUpn = guid == null && !isDn && identityKey.contains("@");
            String sam = text(attrs.get("SamAccountName"));
            if (sam == null) {
                if (guid != null || isDn || isUpn) {
                    String kind = guid != null ? "a GUID" : isDn ? "a distinguished name" : "a UPN";
                    throw new IllegalArgumentException("SamAccountName is required when IdentityKey is " + kind
                            + ". Add Attributes.SamAccountName to the CreateIdentity step.");
                }
                sam = identityKey;
            }
            String upn = text(attrs.get("UserPrincipalName"));
            if (upn == null && isUpn) {
                upn = identityKey;
            }
            String path = text(attrs.get("Path"));
            String name = text(attrs.get("Name"));
            if (isDn) {
                DN keyDn = new DN(identityKey);
                if (path == null && keyDn.getParent() != null) {
                    path = keyDn.getParentString();
                }
                if (name == null) {
                    name = keyDn.getRDN().getAttributeValues()[0];
                }
            }
            if (name == null) {
                name = text(attrs.get("DisplayName"));
            }
            if (name == null && text(attrs.get("GivenName")) != null && text(attrs.get("Surname")) != null) {
                name = text(attrs.get("GivenName")) + " " + text(attrs.get("Surname"));
            }
            if (name == null) {
                name = identityKey;
            }
            if (path == null) {
                path = settings.usersContainer();
            }
            List<Attribute> entry = new ArrayList<>();
            entry.add(new Attribute("objectClass", "top", "person", "organizationalPerson", "user"));
            entry.add(new Attribute("cn", name));
            entry.add(new Attribute("sAMAccountName", sam));
            addIfPresent(entry, "userPrincipalName", upn);
            for (String[] a : new String[][] {{"GivenName", "givenName"}, {"Surname", "sn"},
                {"DisplayName", "displayName"}, {"Description", "description"}, {"Department", "department"},
                {"Title", "title"}, {"EmailAddress", "mail"}}) {
                addIfPresent(entry, a[1], text(attrs.get(a[0])));
            }
            if (attrs.get("Manager") != null) {
                entry.add(new Attribute("manager", resolveManager(ldap, attrs.get("Manager"))));
            }
            for (Map.Entry<String, Object> e : other.entrySet()) {
                List<String> values = values(e.getValue());
                if (values != null) {
                    entry.add(new Attribute(e.getKey(), values));
                }
            }
            Secret password = supplied;
            PasswordGenerator.Generated generated = null;
            if (password == null && enabled) {
                generated = generate(ldap);
                password = generated.password();
            }
            if (password != null) {
                entry.add(new Attribute("unicodePwd", unicodePwd(password)));
                entry.add(new Attribute("userAccountControl",
                        Integer.toString(NORMAL_ACCOUNT | (enabled ? 0 : ACCOUNTDISABLE))));
            }
            String dn = new DN(new com.unboundid.ldap.sdk.RDN("CN", name), new DN(path)).toString();
            ldap.add(dn, entry);
            if (password != null && (attrs.get("ResetOnFirstLogin") == null
                    || Values.truthy(attrs.get("ResetOnFirstLogin")))) {
                ldap.modify(dn, new Modification(ModificationType.REPLACE, "pwdLastSet", "0"));
            }
            DataMap extras = new DataMap();
            if (generated != null) {
                extras.put("PasswordGenerated", true);
                extras.put("PasswordGenerationPolicyUsed", generated.policyUsed());
                if (Values.truthy(attrs.get("AllowPlainTextPasswordOutput"))) {
                    extras.put("GeneratedAccountPasswordPlainText", generated.password());
                }
            }
            return new ProviderResult(ProviderMethods.CREATE_IDENTITY, identityKey, true, extras);
        });
    }

    @Override
    public ProviderResult deleteIdentity(String identityKey, AuthSession session) {
        if (!settings.allowDelete()) {
            throw new IllegalStateException("Delete capability is not enabled. Set 'allowDelete: true' in the AD "
                    + "provider's host-file entry (see " + DOCS + ").");
        }
        return run(session, ldap -> {
            SearchResultEntry user = findUser(ldap, identityKey);
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

    @Override
    public ProviderResult disableIdentity(String identityKey, AuthSession session) {
        return setEnabled(ProviderMethods.DISABLE_IDENTITY, identityKey, false, session);
    }

    @Override
    public ProviderResult enableIdentity(String identityKey, AuthSession session) {
        return setEnabled(ProviderMethods.ENABLE_IDENTITY, identityKey, true, session);
    }

    private ProviderResult setEnabled(String operation, String identityKey, boolean enable, AuthSession session) {
        return run(session, ldap -> {
            SearchResultEntry user = requireUser(ldap, identityKey);
            if (enabled(user) == enable) {
                return ProviderResult.of(operation, identityKey, false);
            }
            int uac = uac(user);
            int updated = enable ? uac & ~ACCOUNTDISABLE : uac | ACCOUNTDISABLE;
            // delete the old value and add the new one in one modify: fails instead of overwriting a concurrent change
            ldap.modify(user.getDN(),
                    new Modification(ModificationType.DELETE, "userAccountControl", Integer.toString(uac)),
                    new Modification(ModificationType.ADD, "userAccountControl", Integer.toString(updated)));
            return ProviderResult.of(operation, identityKey, true);
        });
    }

    @Override
    public ProviderResult moveIdentity(String identityKey, String targetContainer, AuthSession session) {
        if (targetContainer == null || targetContainer.isBlank()) {
            throw new IllegalArgumentException("MoveIdentity: TargetContainer must not be empty.");
        }
        return run(session, ldap -> {
            SearchResultEntry user = requireUser(ldap, identityKey);
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

    @Override
    public ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        boolean other = AdAttributes.OTHER_ATTRIBUTES.equalsIgnoreCase(name);
        String ldapName = other ? null : AdAttributes.ENSURE.get(name == null ? "" : name);
        if (!other && ldapName == null) {
            throw new IllegalArgumentException("AD Provider: Unsupported attribute in EnsureAttributes operation. "
                    + "Attribute: " + name + ". Supported: " + String.join(", ", AdAttributes.sortedEnsureNames())
                    + ". Set other LDAP attributes through 'OtherAttributes' (a map of LDAP attribute names to values).");
        }
        DataMap otherMap = other ? otherAttributes(value) : null;
        return run(session, ldap -> {
            SearchResultEntry user = requireUser(ldap, identityKey);
            List<Modification> mods = new ArrayList<>();
            if (other) {
                for (Map.Entry<String, Object> e : otherMap.entrySet()) {
                    diff(user, e.getKey(), values(e.getValue()), mods);
                }
            } else if (ldapName.equals("manager") && value != null) {
                diff(user, ldapName, List.of(resolveManager(ldap, value)), mods);
            } else {
                diff(user, ldapName, values(value), mods);
            }
            if (!mods.isEmpty()) {
                ldap.modify(user.getDN(), mods);
            }
            DataMap extras = DataMap.of("Name", name, "Value", value);
            return new ProviderResult(ProviderMethods.ENSURE_ATTRIBUTE, identityKey, !mods.isEmpty(), extras);
        });
    }

    /** Adds the modification that makes {@code attr} hold {@code desired} (null = no value), if it differs. */
    private static void diff(SearchResultEntry user, String attr, List<String> desired, List<Modification> mods) {
        String[] current = user.getAttributeValues(attr);
        boolean currentEmpty = current == null || current.length == 0;
        if (desired == null) {
            if (!currentEmpty) {
                mods.add(new Modification(ModificationType.DELETE, attr));
            }
            return;
        }
        if (!currentEmpty && sameValues(List.of(current), desired)) {
            return;
        }
        mods.add(new Modification(ModificationType.REPLACE, attr, desired.toArray(String[]::new)));
    }

    private static boolean sameValues(List<String> a, List<String> b) {
        Set<String> x = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        x.addAll(a);
        Set<String> y = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        y.addAll(b);
        return x.equals(y);
    }

    // ---------------------------------------------------------------- entitlements

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
        return run(session, ldap -> {
            SearchResultEntry user = requireUser(ldap, identityKey);
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

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session, String kind) {
        List<Entitlement> all = listEntitlements(identityKey, session);
        return kind == null || kind.isBlank() ? all
                : all.stream().filter(e -> e.kind().equalsIgnoreCase(kind.trim())).toList();
    }

    @Override
    public ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        Entitlement ent = normalise(entitlement);
        return run(session, ldap -> {
            SearchResultEntry user = requireUser(ldap, identityKey);
            String group = resolveGroup(ldap, ent.id());
            boolean changed = false;
            if (!isMember(user, group)) {
                try {
                    ldap.modify(group, new Modification(ModificationType.ADD, "member", user.getDN()));
                    changed = true;
                } catch (LDAPException e) {
                    if (e.getResultCode() != ResultCode.ATTRIBUTE_OR_VALUE_EXISTS
                            && e.getResultCode() != ResultCode.ENTRY_ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
            return new ProviderResult(ProviderMethods.GRANT_ENTITLEMENT, identityKey, changed,
                    DataMap.of("Entitlement", ent.toData()));
        });
    }

    @Override
    public ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        Entitlement ent = normalise(entitlement);
        return run(session, ldap -> {
            SearchResultEntry user = requireUser(ldap, identityKey);
            String group = resolveGroup(ldap, ent.id());
            boolean changed = false;
            if (isMember(user, group)) {
                try {
                    ldap.modify(group, new Modification(ModificationType.DELETE, "member", user.getDN()));
                    changed = true;
                } catch (LDAPException e) {
                    if (e.getResultCode() != ResultCode.NO_SUCH_ATTRIBUTE) {
                        throw e;
                    }
                }
            }
            return new ProviderResult(ProviderMethods.REVOKE_ENTITLEMENT, identityKey, changed,
                    DataMap.of("Entitlement", ent.toData()));
        });
    }

    @Override
    public Entitlement resolveEntitlement(String kind, Entitlement entitlement, AuthSession session) {
        Entitlement ent = normalise(entitlement);
        if (!ent.kind().equalsIgnoreCase("Group")) {
            return ent;
        }
        return run(session, ldap -> new Entitlement(ent.kind(), resolveGroup(ldap, ent.id()), ent.extras()));
    }

    private static Entitlement normalise(Entitlement e) {
        if (e == null || e.kind() == null || e.kind().isBlank()) {
            throw new IllegalArgumentException("Entitlement.Kind must not be empty.");
        }
        if (e.id() == null || e.id().isBlank()) {
            throw new IllegalArgumentException("Entitlement.Id must not be empty.");
        }
        return new Entitlement(e.kind().trim(), e.id().trim(), e.extras());
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

    // ---------------------------------------------------------------- lookups

    private Filter users(Filter condition) {
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

    private SearchResultEntry requireUser(LDAPInterface ldap, String key) throws LDAPException {
        SearchResultEntry user = findUser(ldap, key);
        if (user == null) {
            String how = Guids.parse(key) != null ? "GUID" : isDn(key) ? "DN" : key.contains("@") ? "UPN"
                    : "sAMAccountName";
            throw new ProviderException("Identity with " + how + " '" + key + "' not found.");
        }
        return user;
    }

    private String resolveGroup(LDAPInterface ldap, String id) throws LDAPException {
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

    private String resolveManager(LDAPInterface ldap, Object value) throws LDAPException {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("Manager: expected a string (DN, GUID, UPN or sAMAccountName), got "
                    + value.getClass().getSimpleName() + ".");
        }
        if (s.isBlank()) {
            throw new IllegalArgumentException("Manager: must not be blank.");
        }
        String how = Guids.parse(s) != null ? "GUID" : isDn(s) ? "DN" : s.contains("@") ? "UPN" : "sAMAccountName";
        SearchResultEntry m = findUser(ldap, s.trim());
        if (m == null) {
            throw new ProviderException("Manager: Could not find user with " + how + " '" + s + "'.");
        }
        return m.getDN();
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

    private List<SearchResultEntry> pagedSearch(LDAPInterface ldap, Filter filter, String... attrs)
            throws LDAPException {
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

    private PasswordGenerator.Generated generate(LDAPInterface ldap) {
        Integer minLength = null;
        boolean complex = false;
        try {
            SearchResultEntry domain = ldap.getEntry(settings.baseDn(), "minPwdLength", "pwdProperties");
            if (domain != null && domain.hasAttribute("minPwdLength")) {
                minLength = domain.getAttributeValueAsInteger("minPwdLength");
                Integer props = domain.getAttributeValueAsInteger("pwdProperties");
                complex = props != null && (props & 1) != 0;
            }
        } catch (LDAPException e) {
            minLength = null; // policy unreadable: fallback rules
        }
        return generator.generate(settings.passwordRules(), minLength, complex);
    }

    // ---------------------------------------------------------------- values

    static boolean isDn(String key) {
        return key.contains("=") && key.contains(",") && DN.isValidDN(key);
    }

    private static boolean enabled(SearchResultEntry user) {
        return (uac(user) & ACCOUNTDISABLE) == 0;
    }

    private static int uac(SearchResultEntry user) {
        Integer v = user.getAttributeValueAsInteger("userAccountControl");
        return v == null ? 0 : v;
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        String s = Values.ps(v);
        return s.isBlank() ? null : s.trim();
    }

    private static void addIfPresent(List<Attribute> entry, String attr, String value) {
        if (value != null) {
            entry.add(new Attribute(attr, value));
        }
    }

    /** An attribute value as LDAP strings: null (or blank, or an empty list) = no value. */
    static List<String> values(Object v) {
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        Collection<?> items = v instanceof Collection<?> c ? c : v.getClass().isArray() && !(v instanceof byte[])
                ? List.of((Object[]) v) : List.of(v);
        for (Object item : items) {
            if (item == null) {
                continue;
            }
            String s = item instanceof Boolean b ? (b ? "TRUE" : "FALSE") : Values.ps(item);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out.isEmpty() ? null : new ArrayList<>(new LinkedHashSet<>(out));
    }

    private static DataMap otherAttributes(Object v) {
        if (v == null) {
            return new DataMap();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("AD Provider: 'OtherAttributes' must be a hashtable. Got: "
                    + v.getClass().getSimpleName() + ".");
        }
        DataMap out = new DataMap();
        m.forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }

    /** The password given with AccountPassword or AccountPasswordAsPlainText, or null for none. */
    private Secret suppliedPassword(DataMap attrs) {
        boolean hasProtected = attrs.containsKey("AccountPassword");
        boolean hasPlain = attrs.containsKey("AccountPasswordAsPlainText");
        if (hasProtected && hasPlain) {
            throw new IllegalArgumentException("Ambiguous password configuration: give either AccountPassword or "
                    + "AccountPasswordAsPlainText, not both.");
        }
        if (hasPlain) {
            Object v = attrs.get("AccountPasswordAsPlainText");
            if (v instanceof Secret s && !s.isEmpty()) {
                return s;
            }
            if (!(v instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("AccountPasswordAsPlainText must be a non-empty string.");
            }
            return Secret.of(s);
        }
        if (hasProtected) {
            Object v = attrs.get("AccountPassword");
            if (v == null) {
                throw new IllegalArgumentException("AccountPassword must not be null.");
            }
            if (v instanceof Secret s) {
                return s;
            }
            if (v instanceof String ref) {
                return secretReference(ref.trim());
            }
            throw new IllegalArgumentException("AccountPassword: expected a secret or a secret reference "
                    + "('env:<VARIABLE>' or 'file:<path>'), got " + v.getClass().getSimpleName() + ".");
        }
        return null;
    }

    /**
     * A secret reference from request or workflow data: {@code env:} or a file inside the host's {@code secretsDir}
     * (see {@link dev.idle.spi.SecretReferences}), never an arbitrary path.
     */
    private Secret secretReference(String ref) {
        if (!SecretReferences.isReference(ref)) {
            throw new IllegalArgumentException("AccountPassword: expected a secret reference 'env:<VARIABLE>' or "
                    + "'file:<path>' (protected strings of IdLE for PowerShell cannot be decrypted here); use "
                    + "AccountPasswordAsPlainText for a literal password.");
        }
        return settings.secrets().requestReference(ref, "AccountPassword");
    }

    private static byte[] unicodePwd(Secret password) {
        return ("\"" + password.reveal() + "\"").getBytes(StandardCharsets.UTF_16LE);
    }

    // ---------------------------------------------------------------- plumbing

    private <T> T run(AuthSession session, Connections.Call<T> call) {
        try {
            return connections.with(session, call);
        } catch (LDAPException e) {
            throw translate(e);
        }
    }

    /** An LDAP failure as a provider error: certificate problems say so; connection problems are transient. */
    ProviderException translate(LDAPException e) {
        Throwable cert = certificateCause(e);
        if (cert != null) {
            return new ProviderException("AD provider '" + settings.alias() + "': TLS certificate verification failed "
                    + "for " + settings.endpoint() + ": " + cert.getMessage() + ". Check option 'trustStore' ("
                    + (settings.trustStore() == null ? "the JVM's default trust store" : settings.trustStore())
                    + ") holds the CA that issued the DC's certificate, and that the certificate names '"
                    + settings.host() + "'.", false, null, e);
        }
        ResultCode rc = e.getResultCode();
        boolean transientFailure = rc == ResultCode.SERVER_DOWN || rc == ResultCode.CONNECT_ERROR
                || rc == ResultCode.TIMEOUT || rc == ResultCode.BUSY || rc == ResultCode.UNAVAILABLE;
        String msg = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getExceptionMessage();
        return new ProviderException("AD provider '" + settings.alias() + "' (" + settings.endpoint() + "): "
                + rc.getName() + " (" + rc.intValue() + "): " + msg, transientFailure, null, e);
    }

    private static Throwable certificateCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertificateException || c instanceof CertPathValidatorException
                    || c instanceof javax.net.ssl.SSLHandshakeException || c instanceof SSLException
                    && String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("cert")) {
                return c;
            }
            if (c instanceof LDAPException l && String.valueOf(l.getMessage()).contains("hostname verification")) {
                return c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    @Override
    public void close() {
        connections.close();
    }
}
