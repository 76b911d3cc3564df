package dev.idle.provider.ad;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attribute contracts of CreateIdentity and EnsureAttribute, their LDAP names, and how request values become LDAP
 * values. Fails with {@link IllegalArgumentException} on malformed request values; stateless.
 */
final class AdAttributes {
    static final String OTHER_ATTRIBUTES = "OtherAttributes";

    /** EnsureAttribute names (case-insensitive) → LDAP attribute. */
    static final Map<String, String> ENSURE;

    /** CreateIdentity keys (case-insensitive). */
    static final List<String> CREATE = List.of("SamAccountName", "UserPrincipalName", "Path", "Name", "GivenName",
            "Surname", "DisplayName", "Description", "Department", "Title", "EmailAddress", "Manager",
            "AccountPassword", "AccountPasswordAsPlainText", "ResetOnFirstLogin", "AllowPlainTextPasswordOutput",
            "Enabled", OTHER_ATTRIBUTES);

    static {
        Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String[][] pairs = {
            {"GivenName", "givenName"}, {"Surname", "sn"}, {"DisplayName", "displayName"}, {"Initials", "initials"},
            {"SamAccountName", "sAMAccountName"}, {"UserPrincipalName", "userPrincipalName"},
            {"Description", "description"}, {"Department", "department"}, {"Title", "title"}, {"Company", "company"},
            {"Division", "division"}, {"Office", "physicalDeliveryOfficeName"}, {"EmployeeID", "employeeID"},
            {"EmployeeNumber", "employeeNumber"}, {"EmailAddress", "mail"}, {"OfficePhone", "telephoneNumber"},
            {"MobilePhone", "mobile"}, {"HomePhone", "homePhone"}, {"Fax", "facsimileTelephoneNumber"},
            {"StreetAddress", "streetAddress"}, {"City", "l"}, {"State", "st"}, {"PostalCode", "postalCode"},
            {"Country", "co"}, {"POBox", "postOfficeBox"}, {"HomePage", "wWWHomePage"}, {"Manager", "manager"},
            {"HomeDirectory", "homeDirectory"}, {"HomeDrive", "homeDrive"}, {"ProfilePath", "profilePath"},
            {"ScriptPath", "scriptPath"},
        };
        for (String[] p : pairs) {
            m.put(p[0], p[1]);
        }
        ENSURE = Collections.unmodifiableMap(m);
    }

    /** GetIdentity's attributes: name → LDAP attribute, in this order. */
    static final String[][] READ = {
        {"GivenName", "givenName"}, {"Surname", "sn"}, {"DisplayName", "displayName"}, {"Description", "description"},
        {"Department", "department"}, {"Title", "title"}, {"EmailAddress", "mail"},
        {"UserPrincipalName", "userPrincipalName"}, {"sAMAccountName", "sAMAccountName"},
    };

    private AdAttributes() {
    }

    static List<String> sortedEnsureNames() {
        List<String> names = new ArrayList<>(ENSURE.keySet());
        names.add(OTHER_ATTRIBUTES);
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    static List<String> sortedCreateNames() {
        List<String> names = new ArrayList<>(CREATE);
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** A request value as trimmed text: null for null or blank. */
    static String text(Object v) {
        if (v == null) {
            return null;
        }
        String s = Values.ps(v);
        return s.isBlank() ? null : s.trim();
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

    /** The {@code OtherAttributes} map (LDAP attribute name to value); empty when absent. */
    static DataMap otherAttributes(Object v) {
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
}
