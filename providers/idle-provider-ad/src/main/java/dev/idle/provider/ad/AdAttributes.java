package dev.idle.provider.ad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The attribute contracts of CreateIdentity and EnsureAttribute, and their LDAP names. */
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
}
