package dev.idle.provider.ad;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * EnsureAttribute: makes one attribute of a user (one of {@link AdAttributes#ENSURE}, or each entry of
 * {@code OtherAttributes}) hold the desired value, writing only what differs, in one modify. Values compare
 * case-insensitively and regardless of order. Unsupported names fail before the directory is contacted.
 * Thread-safe.
 */
final class AdAttributeUpdates {

    private final AdCalls calls;
    private final AdDirectory directory;

    AdAttributeUpdates(AdCalls calls, AdDirectory directory) {
        this.calls = calls;
        this.directory = directory;
    }

    ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        boolean other = AdAttributes.OTHER_ATTRIBUTES.equalsIgnoreCase(name);
        String ldapName = other ? null : AdAttributes.ENSURE.get(name == null ? "" : name);
        if (!other && ldapName == null) {
            throw new IllegalArgumentException("AD Provider: Unsupported attribute in EnsureAttributes operation. "
                    + "Attribute: " + name + ". Supported: " + String.join(", ", AdAttributes.sortedEnsureNames())
                    + ". Set other LDAP attributes through 'OtherAttributes' (a map of LDAP attribute names to values).");
        }
        DataMap otherMap = other ? AdAttributes.otherAttributes(value) : null;
        return calls.run(session, ldap -> {
            SearchResultEntry user = directory.requireUser(ldap, identityKey);
            List<Modification> mods = new ArrayList<>();
            if (other) {
                for (Map.Entry<String, Object> e : otherMap.entrySet()) {
                    diff(user, e.getKey(), AdAttributes.values(e.getValue()), mods);
                }
            } else if (ldapName.equals("manager") && value != null) {
                diff(user, ldapName, List.of(directory.resolveManager(ldap, value)), mods);
            } else {
                diff(user, ldapName, AdAttributes.values(value), mods);
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
}
