package dev.idle.graphsim;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;

/**
 * The directory the simulator serves: users, groups, administrative units, direct memberships, sign-in sessions and
 * revocations. Not thread-safe on its own; callers hold the simulator's lock.
 */
final class Directory {
    enum Kind { USER, GROUP, ADMINISTRATIVE_UNIT }

    /** Properties a user has (declared properties Graph knows); {@code passwordProfile} is write-only. */
    static final Set<String> USER_PROPERTIES = Set.of("id", "userPrincipalName", "mail", "displayName", "givenName",
            "surname", "accountEnabled", "department", "jobTitle", "officeLocation", "companyName", "mailNickname",
            "employeeId", "employeeType", "mobilePhone", "businessPhones", "preferredLanguage", "usageLocation", "city",
            "country", "state", "streetAddress", "postalCode", "otherMails", "userType", "faxNumber",
            "onPremisesImmutableId", "createdDateTime", "passwordProfile");
    /** What {@code GET /users} returns without {@code $select} (Graph's documented default set). */
    static final List<String> USER_DEFAULT_SELECT = List.of("businessPhones", "displayName", "givenName", "jobTitle",
            "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id");
    static final Set<String> USER_READ_ONLY = Set.of("id", "createdDateTime");
    static final Set<String> USER_FILTERABLE = Set.of("id", "userPrincipalName", "mail", "displayName", "givenName",
            "surname", "accountEnabled", "department", "jobTitle", "companyName", "mailNickname", "employeeId",
            "userType", "usageLocation", "city", "country", "state");
    static final Set<String> USER_BOOLEAN = Set.of("accountEnabled");
    static final Set<String> USER_STRING_LISTS = Set.of("businessPhones", "otherMails");

    static final Set<String> GROUP_PROPERTIES = Set.of("id", "displayName", "mail", "mailNickname", "description",
            "mailEnabled", "securityEnabled", "groupTypes", "createdDateTime");
    static final Set<String> GROUP_FILTERABLE = Set.of("id", "displayName", "mail", "mailNickname", "mailEnabled",
            "securityEnabled");
    static final Set<String> AU_PROPERTIES = Set.of("id", "displayName", "description", "visibility");
    static final Set<String> AU_FILTERABLE = Set.of("id", "displayName");

    final Map<String, Map<String, Object>> users = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> units = new LinkedHashMap<>();
    /** container (group or AU) id → member user ids, in the order they were added. */
    final Map<String, LinkedHashSet<String>> members = new LinkedHashMap<>();
    final Map<String, Integer> sessions = new LinkedHashMap<>();
    final Map<String, List<Instant>> revocations = new LinkedHashMap<>();

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static String canonicalId(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- users

    /** Finds a user by object id (any case) or by userPrincipalName (case-insensitive), as /users/{id|upn} does. */
    Map<String, Object> findUser(String idOrUpn) {
        String id = canonicalId(idOrUpn);
        if (id != null) {
            return users.get(id);
        }
        for (Map<String, Object> u : users.values()) {
            if (u.get("userPrincipalName") instanceof String upn && upn.equalsIgnoreCase(idOrUpn)) {
                return u;
            }
        }
        return null;
    }

    Map<String, Object> requireUser(String idOrUpn) {
        Map<String, Object> u = findUser(idOrUpn);
        if (u == null) {
            throw GraphError.notFound(idOrUpn);
        }
        return u;
    }

    /** Creates a user from Graph's POST body (or a seed); {@code strict} enforces Graph's required properties. */
    Map<String, Object> createUser(Map<String, Object> body, boolean strict) {
        Map<String, Object> u = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            if (e.getKey().startsWith("@odata.")) {
                continue;
            }
            if (!USER_PROPERTIES.contains(e.getKey())) {
                throw unknownProperty(e.getKey());
            }
            if (strict && USER_READ_ONLY.contains(e.getKey())) {
                throw GraphError.badRequest("Property '" + e.getKey() + "' is read-only and cannot be set.");
            }
            u.put(e.getKey(), checkValue(e.getKey(), e.getValue()));
        }
        if (strict) {
            for (String required : List.of("accountEnabled", "displayName", "mailNickname", "userPrincipalName")) {
                if (u.get(required) == null || "".equals(u.get(required))) {
                    throw invalidValue(required);
                }
            }
            if (!(u.get("passwordProfile") instanceof Map<?, ?> pp) || !(pp.get("password") instanceof String pw)
                    || pw.isEmpty()) {
                throw invalidValue("passwordProfile");
            }
        }
        Object upn = u.get("userPrincipalName");
        if (!(upn instanceof String s) || !s.contains("@") || s.startsWith("@") || s.endsWith("@")) {
            throw invalidValue("userPrincipalName");
        }
        if (findUser(s) != null) {
            throw GraphError.badRequest("Another object with the same value for property userPrincipalName already exists.");
        }
        String id = u.get("id") instanceof String given ? canonicalId(given) : newId();
        if (id == null) {
            throw invalidValue("id");
        }
        if (users.containsKey(id) || groups.containsKey(id) || units.containsKey(id)) {
            throw GraphError.badRequest("Another object with the same value for property id already exists.");
        }
        u.put("id", id);
        u.putIfAbsent("accountEnabled", Boolean.TRUE);
        u.putIfAbsent("displayName", s);
        u.putIfAbsent("mailNickname", s.substring(0, s.indexOf('@')));
        u.putIfAbsent("businessPhones", new ArrayList<>());
        u.putIfAbsent("userType", "Member");
        u.putIfAbsent("createdDateTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        users.put(id, u);
        return u;
    }

    void updateUser(Map<String, Object> user, Map<String, Object> patch) {
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            if (e.getKey().startsWith("@odata.")) {
                continue;
            }
            if (!USER_PROPERTIES.contains(e.getKey())) {
                throw unknownProperty(e.getKey());
            }
            if (USER_READ_ONLY.contains(e.getKey())) {
                throw GraphError.badRequest("Property '" + e.getKey() + "' is read-only and cannot be set.");
            }
            if (e.getValue() == null && Set.of("userPrincipalName", "displayName", "mailNickname", "accountEnabled")
                    .contains(e.getKey())) {
                throw invalidValue(e.getKey());
            }
            checked.put(e.getKey(), checkValue(e.getKey(), e.getValue()));
        }
        if (checked.get("userPrincipalName") instanceof String upn) {
            Map<String, Object> other = findUser(upn);
            if (!upn.contains("@")) {
                throw invalidValue("userPrincipalName");
            }
            if (other != null && other != user) {
                throw GraphError.badRequest(
                        "Another object with the same value for property userPrincipalName already exists.");
            }
        }
        user.putAll(checked);
    }

    void deleteUser(String id) {
        users.remove(id);
        for (Set<String> m : members.values()) {
            m.remove(id);
        }
        sessions.remove(id);
    }

    private static Object checkValue(String property, Object value) {
        if (value == null) {
            return null;
        }
        if (USER_BOOLEAN.contains(property) || property.equals("mailEnabled") || property.equals("securityEnabled")) {
            if (!(value instanceof Boolean)) {
                throw invalidValue(property);
            }
            return value;
        }
        if (USER_STRING_LISTS.contains(property) || property.equals("groupTypes")) {
            if (!(value instanceof List<?> l) || l.stream().anyMatch(x -> !(x instanceof String))) {
                throw invalidValue(property);
            }
            return new ArrayList<>(l);
        }
        if (property.equals("passwordProfile")) {
            if (!(value instanceof Map<?, ?> m)) {
                throw invalidValue(property);
            }
            return new LinkedHashMap<>(m);
        }
        if (!(value instanceof String)) {
            throw invalidValue(property);
        }
        return value;
    }

    static GraphError invalidValue(String property) {
        return GraphError.badRequest("Invalid value specified for property '" + property + "' of resource 'User'.");
    }

    static GraphError unknownProperty(String property) {
        return GraphError.badRequest("Property '" + property + "' does not exist as a declared property or extension property.");
    }

    // ---------------------------------------------------------------- groups and administrative units

    Map<String, Object> addContainer(Kind kind, Map<String, Object> props) {
        Map<String, Map<String, Object>> target = kind == Kind.GROUP ? groups : units;
        Set<String> allowed = kind == Kind.GROUP ? GROUP_PROPERTIES : AU_PROPERTIES;
        Map<String, Object> c = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : props.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw unknownProperty(e.getKey());
            }
            c.put(e.getKey(), e.getValue());
        }
        if (!(c.get("displayName") instanceof String name) || name.isBlank()) {
            throw GraphError.badRequest("Invalid value specified for property 'displayName'.");
        }
        String id = c.get("id") instanceof String given ? canonicalId(given) : newId();
        if (id == null || users.containsKey(id) || groups.containsKey(id) || units.containsKey(id)) {
            throw GraphError.badRequest("Invalid or duplicate id '" + c.get("id") + "'.");
        }
        c.put("id", id);
        if (kind == Kind.GROUP) {
            c.putIfAbsent("mail", null);
            c.putIfAbsent("mailNickname", name.replaceAll("[^A-Za-z0-9]", ""));
            c.putIfAbsent("mailEnabled", c.get("mail") != null);
            c.putIfAbsent("securityEnabled", Boolean.TRUE);
            c.putIfAbsent("groupTypes", new ArrayList<>());
        } else {
            c.putIfAbsent("description", null);
            c.putIfAbsent("visibility", null);
        }
        target.put(id, c);
        members.put(id, new LinkedHashSet<>());
        return c;
    }

    Map<String, Object> requireContainer(Kind kind, String id) {
        String canonical = canonicalId(id);
        Map<String, Object> c = canonical == null ? null : (kind == Kind.GROUP ? groups : units).get(canonical);
        if (c == null) {
            throw GraphError.notFound(id);
        }
        return c;
    }

    Kind kindOf(String id) {
        String c = canonicalId(id);
        if (c == null) {
            return null;
        }
        if (users.containsKey(c)) {
            return Kind.USER;
        }
        if (groups.containsKey(c)) {
            return Kind.GROUP;
        }
        return units.containsKey(c) ? Kind.ADMINISTRATIVE_UNIT : null;
    }

    /** Adds a direct member; Graph's duplicate answer when it is one already. */
    void addMember(String containerId, String userId) {
        LinkedHashSet<String> m = members.get(containerId);
        if (!m.add(userId)) {
            throw GraphError.badRequest(
                    "One or more added object references already exist for the following modified properties: 'members'.");
        }
    }

    void removeMember(String containerId, String userId) {
        LinkedHashSet<String> m = members.get(containerId);
        if (m == null || !m.remove(userId)) {
            throw new GraphError(404, "Request_ResourceNotFound",
                    "One or more removed object references do not exist for the following modified properties: 'members'.");
        }
    }

    /** The groups and/or administrative units a user is a direct member of, in creation order of the containers. */
    List<Map<String, Object>> memberOf(String userId, boolean groupsWanted, boolean unitsWanted) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (groupsWanted) {
            for (Map<String, Object> g : groups.values()) {
                if (members.get(g.get("id")).contains(userId)) {
                    out.add(g);
                }
            }
        }
        if (unitsWanted) {
            for (Map<String, Object> a : units.values()) {
                if (members.get(a.get("id")).contains(userId)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- seeding (Java exceptions, not Graph errors)

    /** The id of a user by id or UPN; {@link NoSuchElementException} if there is none. */
    String userId(String idOrUpn) {
        Map<String, Object> u = findUser(idOrUpn);
        if (u == null) {
            throw new NoSuchElementException("no user " + idOrUpn);
        }
        return (String) u.get("id");
    }

    /** Makes a user a direct member of a group or an administrative unit (no error if it is one already). */
    void seedMember(String groupOrUnitId, String userId) {
        Kind k = kindOf(groupOrUnitId);
        if (k != Kind.GROUP && k != Kind.ADMINISTRATIVE_UNIT) {
            throw new IllegalArgumentException("no group or administrative unit " + groupOrUnitId);
        }
        Map<String, Object> u = findUser(userId);
        if (u == null) {
            throw new IllegalArgumentException("no user " + userId);
        }
        members.get(canonicalId(groupOrUnitId)).add((String) u.get("id"));
    }

    /** Direct member (user) ids of a group or administrative unit. */
    List<String> membersOf(String groupOrUnitId) {
        Set<String> m = members.get(canonicalId(groupOrUnitId));
        if (m == null) {
            throw new NoSuchElementException("no group or administrative unit " + groupOrUnitId);
        }
        return List.copyOf(m);
    }

    // ---------------------------------------------------------------- sessions

    void revoke(String userId, Instant at) {
        sessions.put(userId, 0);
        revocations.computeIfAbsent(userId, k -> new ArrayList<>()).add(at);
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
