package dev.idle.googlesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simulated Google Workspace customer: its primary domain, users, groups and members, sessions, org units,
 * service accounts and issued access tokens, and the resource shapes the Directory API gives them. Not thread-safe on
 * its own: every reader and writer synchronises on this object.
 */
final class GoogleTenant {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String API = "/admin/directory/v1";

    /** A service account: its key and the scopes the admin console authorised for domain-wide delegation. */
    static final class ServiceAccount {
        final String clientId;
        final String keyId;
        final PublicKey publicKey;
        Set<String> scopes;

        ServiceAccount(String clientId, String keyId, PublicKey publicKey, Set<String> scopes) {
            this.clientId = clientId;
            this.keyId = keyId;
            this.publicKey = publicKey;
            this.scopes = scopes;
        }
    }

    final String domain;
    final SecureRandom random = new SecureRandom();
    final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();
    /** access token → the admin it acts as. */
    final Map<String, String> accessTokens = new HashMap<>();
    final Map<String, ObjectNode> users = new LinkedHashMap<>();
    final Map<String, ObjectNode> groups = new LinkedHashMap<>();
    final Map<String, Set<String>> members = new HashMap<>();
    final Map<String, Integer> sessions = new HashMap<>();
    final Map<String, Integer> revocations = new HashMap<>();
    final Set<String> orgUnits = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    int pageSize = 200;
    long nextId = 100_000_000_000_000_000L;
    private volatile String baseUrl;

    GoogleTenant(String domain) {
        this.domain = domain;
        orgUnits.add("/");
    }

    void listeningOn(int port) {
        baseUrl = "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return baseUrl;
    }

    /** The token endpoint, written into key files as {@code token_uri}. */
    String tokenUri() {
        return baseUrl + GoogleTokenEndpoint.PATH;
    }

    ObjectNode newUser(String email, String givenName, String familyName) {
        ObjectNode u = JSON.createObjectNode();
        u.put("kind", "admin#directory#user");
        u.put("id", String.valueOf(nextId++));
        u.put("etag", "\"" + hex(16) + "\"");
        u.put("primaryEmail", email);
        ObjectNode name = u.putObject("name");
        name.put("givenName", givenName);
        name.put("familyName", familyName);
        name.put("fullName", givenName + " " + familyName);
        u.put("isAdmin", false);
        u.put("isDelegatedAdmin", false);
        u.put("lastLoginTime", "1970-01-01T00:00:00.000Z");
        u.put("creationTime", Instant.now().toString());
        u.put("agreedToTerms", true);
        u.put("suspended", false);
        u.put("archived", false);
        u.put("changePasswordAtNextLogin", false);
        u.put("ipWhitelisted", false);
        u.putArray("emails").addObject().put("address", email).put("primary", true);
        u.put("customerId", "C0simula7");
        u.put("orgUnitPath", "/");
        u.put("isMailboxSetup", true);
        u.put("includeInGlobalAddressList", true);
        return u;
    }

    ObjectNode findUser(String key) {
        if (key == null) {
            return null;
        }
        ObjectNode byId = users.get(key);
        if (byId != null) {
            return byId;
        }
        for (ObjectNode u : users.values()) {
            if (u.get("primaryEmail").asText().equalsIgnoreCase(key)) {
                return u;
            }
            for (JsonNode alias : u.path("aliases")) {
                if (alias.asText().equalsIgnoreCase(key)) {
                    return u;
                }
            }
        }
        return null;
    }

    ObjectNode findGroup(String key) {
        ObjectNode byId = groups.get(key);
        if (byId != null) {
            return byId;
        }
        return groups.values().stream().filter(g -> g.get("email").asText().equalsIgnoreCase(key)).findFirst()
                .orElse(null);
    }

    ObjectNode withCount(ObjectNode g) {
        ObjectNode copy = g.deepCopy();
        copy.put("directMembersCount", String.valueOf(members.get(g.get("id").asText()).size()));
        return copy;
    }

    String hex(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return sb.toString();
    }
}
