package dev.idle.provider.ad;

import static dev.idle.provider.ad.AdAttributes.otherAttributes;
import static dev.idle.provider.ad.AdAttributes.text;
import static dev.idle.provider.ad.AdAttributes.values;
import static dev.idle.provider.ad.AdDirectory.ACCOUNTDISABLE;
import static dev.idle.provider.ad.AdDirectory.NORMAL_ACCOUNT;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Secret;
import dev.idle.spi.SecretReferences;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CreateIdentity: adds a user, deriving its sAMAccountName, UPN, name and container from the key and attributes,
 * and sets its password: the one given ({@code AccountPassword} as a secret reference or {@code
 * AccountPasswordAsPlainText}), else, for an enabled account, one generated to the domain's password policy (shown
 * in the result only when {@code AllowPlainTextPasswordOutput} is set). An existing user is left unchanged.
 * Unsupported attributes and malformed passwords fail before the directory is contacted. Thread-safe.
 */
final class AdAccountCreation {

    private final AdSettings settings;
    private final AdCalls calls;
    private final AdDirectory directory;
    private final PasswordGenerator generator = new PasswordGenerator(new SecureRandom());

    AdAccountCreation(AdSettings settings, AdCalls calls, AdDirectory directory) {
        this.settings = settings;
        this.calls = calls;
        this.directory = directory;
    }

    ProviderResult createIdentity(String identityKey, DataMap attributes, AuthSession session) {
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
        return calls.run(session, ldap -> {
            if (directory.findUser(ldap, identityKey) != null) {
                return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, false);
            }
            boolean enabled = attrs.get("Enabled") == null || Values.truthy(attrs.get("Enabled"));
            UUID guid = Guids.parse(identityKey);
            boolean isDn = guid == null && AdDirectory.isDn(identityKey);
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
                entry.add(new Attribute("manager", directory.resolveManager(ldap, attrs.get("Manager"))));
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

    /** A password for a new account, to the domain's policy when it can be read, else to the fallback rules. */
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

    private static void addIfPresent(List<Attribute> entry, String attr, String value) {
        if (value != null) {
            entry.add(new Attribute(attr, value));
        }
    }
}
