package dev.idle.oktasim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated Okta org: users, groups, credentials the API accepts, and the JSON shapes Okta gives users and
 * groups. Not thread-safe on its own: every reader and writer synchronises on this object.
 */
final class OktaTenant {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String API = "/api/v1";
    /** Okta's base user profile; other properties must be declared ({@link #customProfileProperties}). */
    static final Set<String> BASE_PROFILE = Set.of("login", "email", "secondEmail", "firstName", "lastName",
            "middleName", "honorificPrefix", "honorificSuffix", "title", "displayName", "nickName", "profileUrl",
            "primaryPhone", "mobilePhone", "streetAddress", "city", "state", "zipCode", "countryCode", "postalAddress",
            "preferredLanguage", "locale", "timezone", "userType", "employeeNumber", "costCenter", "organization",
            "division", "department", "managerId", "manager");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    static final class User {
        final String id;
        final Instant created;
        Instant lastUpdated;
        Instant statusChanged;
        String status = "ACTIVE";
        boolean hasPassword;
        final Map<String, Object> profile = new LinkedHashMap<>();
        final List<String> sessions = new ArrayList<>();
        int oauthTokens;

        User(String id, Instant created) {
            this.id = id;
            this.created = created;
            this.lastUpdated = created;
        }
    }

    static final class Group {
        final String id;
        final String name;
        final String type;
        final Set<String> members = new LinkedHashSet<>();

        Group(String id, String name, String type) {
            this.id = id;
            this.name = name;
            this.type = type;
        }
    }

    final Clock clock;
    final SecureRandom random = new SecureRandom();
    final Set<String> apiTokens = new LinkedHashSet<>();
    final Set<String> accessTokens = new LinkedHashSet<>();
    final Map<String, PublicKey> serviceApps = new HashMap<>();
    final Set<String> grantedScopes = new LinkedHashSet<>(List.of("okta.users.read", "okta.users.manage",
            "okta.groups.read", "okta.groups.manage"));
    final Map<String, User> users = new LinkedHashMap<>();
    final Map<String, Group> groups = new LinkedHashMap<>();
    final Map<String, Integer> revocations = new HashMap<>();
    final Set<String> customProfileProperties = new LinkedHashSet<>();
    int pageSize = 200;
    private volatile String baseUrl;

    OktaTenant(Clock clock) {
        this.clock = clock;
    }

    void listeningOn(int port) {
        baseUrl = "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return baseUrl;
    }

    Instant now() {
        return clock.instant();
    }

    String randomId(int length) {
        return randomId(random, length);
    }

    static String randomId(SecureRandom random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** A user by id, by login (any case), or by the login's short name when exactly one user has it; else null. */
    User find(String key) {
        if (key == null) {
            return null;
        }
        User byId = users.get(key);
        if (byId != null) {
            return byId;
        }
        for (User u : users.values()) {
            if (key.equalsIgnoreCase(String.valueOf(u.profile.get("login")))) {
                return u;
            }
        }
        List<User> shortName = users.values().stream().filter(u -> {
            String login = String.valueOf(u.profile.get("login"));
            int at = login.indexOf('@');
            return at > 0 && login.substring(0, at).equalsIgnoreCase(key);
        }).toList();
        return shortName.size() == 1 ? shortName.get(0) : null;
    }

    boolean knownProfileProperty(String name) {
        return BASE_PROFILE.contains(name) || customProfileProperties.contains(name);
    }

    /** Deactivation as Okta does it: status DEPROVISIONED, sessions gone. */
    void deactivate(User u) {
        u.status = "DEPROVISIONED";
        u.sessions.clear();
        u.statusChanged = now();
    }

    ObjectNode userJson(User u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", u.id);
        n.put("status", u.status);
        n.put("created", u.created.toString());
        n.put("activated", u.status.equals("STAGED") ? null : u.created.toString());
        n.put("statusChanged", u.statusChanged == null ? null : u.statusChanged.toString());
        n.putNull("lastLogin");
        n.put("lastUpdated", u.lastUpdated.toString());
        n.putNull("passwordChanged");
        n.putObject("type").put("id", "oty1simulatortype");
        n.set("profile", JSON.valueToTree(u.profile));
        ObjectNode cred = n.putObject("credentials");
        cred.putObject("provider").put("type", "OKTA").put("name", "OKTA");
        n.putObject("_links").putObject("self").put("href", baseUrl() + API + "/users/" + u.id);
        return n;
    }

    static ObjectNode groupJson(Group g) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", g.id);
        n.put("type", g.type);
        n.putObject("profile").put("name", g.name).put("description", (String) null);
        return n;
    }
}
