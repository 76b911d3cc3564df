package dev.idle.graphsim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The seeding and inspection half of {@link GraphSimulator}'s public API: users, groups, administrative units,
 * memberships, sessions and mailboxes, put in and read back directly (not over HTTP). Package-private, as
 * {@code AbstractStringBuilder} is for {@code StringBuilder}: its public methods are part of {@link GraphSimulator}.
 * Every method holds the tenant's lock; copies are returned, never the live state.
 */
abstract class TenantSeeding {
    final GraphTenant tenant;

    TenantSeeding(GraphTenant tenant) {
        this.tenant = tenant;
    }

    /**
     * Adds a user. Keys are Graph user properties ({@code userPrincipalName} required; {@code id} optional, else a
     * new GUID; {@code accountEnabled} defaults to true, {@code displayName} to the UPN, {@code mailNickname} to the
     * UPN's local part). Returns the id.
     */
    public String addUser(Map<String, ?> properties) {
        return seeded(() -> (String) tenant.dir.createUser(new LinkedHashMap<>(properties), false).get("id"));
    }

    /** Adds an enabled user with {@code mail} = UPN; returns the id. */
    public String addUser(String userPrincipalName, String displayName) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("userPrincipalName", userPrincipalName);
        p.put("displayName", displayName);
        p.put("mail", userPrincipalName);
        return addUser(p);
    }

    /** Adds a security group; returns its id. */
    public String addGroup(String displayName) {
        return addGroup(displayName, null);
    }

    /** Adds a group with a mail address (may be null); returns its id. */
    public String addGroup(String displayName, String mail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("displayName", displayName);
        p.put("mail", mail);
        return addGroup(p);
    }

    /** Adds a group from Graph group properties ({@code displayName} required, optional {@code id}); returns its id. */
    public String addGroup(Map<String, ?> properties) {
        return seeded(() -> (String) tenant.dir.addContainer(Directory.Kind.GROUP, new LinkedHashMap<>(properties))
                .get("id"));
    }

    /** Adds an administrative unit; returns its id. */
    public String addAdministrativeUnit(String displayName) {
        return addAdministrativeUnit(Map.of("displayName", displayName));
    }

    /** Adds an administrative unit from properties ({@code displayName} required, optional {@code id}). */
    public String addAdministrativeUnit(Map<String, ?> properties) {
        return seeded(() -> (String) tenant.dir.addContainer(Directory.Kind.ADMINISTRATIVE_UNIT,
                new LinkedHashMap<>(properties)).get("id"));
    }

    /** Makes a user a direct member of a group or an administrative unit (no error if it is one already). */
    public void addMember(String groupOrUnitId, String userId) {
        locked(() -> tenant.dir.seedMember(groupOrUnitId, userId));
    }

    /** Direct member (user) ids of a group or administrative unit. */
    public List<String> members(String groupOrUnitId) {
        return locked(() -> tenant.dir.membersOf(groupOrUnitId));
    }

    /** Ids of the groups and administrative units a user is a direct member of. */
    public List<String> memberOf(String userId) {
        return locked(() -> tenant.dir.memberOf(tenant.dir.userId(userId), true, true).stream()
                .map(m -> (String) m.get("id")).toList());
    }

    /** Adds {@code n} sign-in sessions (refresh tokens) to a user. */
    public void addSessions(String userId, int n) {
        locked(() -> tenant.dir.sessions.merge(tenant.dir.userId(userId), n, Integer::sum));
    }

    /** Current sign-in sessions of a user (0 after a revocation). */
    public int sessionCount(String userId) {
        return locked(() -> tenant.dir.sessions.getOrDefault(tenant.dir.userId(userId), 0));
    }

    /** How many times {@code revokeSignInSessions} was answered for a user. */
    public int revocationCount(String userId) {
        return locked(() -> tenant.dir.revocations.getOrDefault(tenant.dir.userId(userId), List.of()).size());
    }

    /** A copy of a user's properties (by id or UPN); throws {@link NoSuchElementException} if there is none. */
    public Map<String, Object> user(String idOrUpn) {
        return locked(() -> deepCopy(tenant.dir.users.get(tenant.dir.userId(idOrUpn))));
    }

    /** A copy of a user's properties (by id or UPN), or empty (e.g. after a DELETE). */
    public Optional<Map<String, Object>> findUser(String idOrUpn) {
        return locked(() -> Optional.ofNullable(tenant.dir.findUser(idOrUpn)).map(TenantSeeding::deepCopy));
    }

    /** Copies of all users, in creation order. */
    public List<Map<String, Object>> users() {
        return locked(() -> tenant.dir.users.values().stream().map(TenantSeeding::deepCopy).toList());
    }

    /** A copy of a group's properties. */
    public Map<String, Object> group(String id) {
        return locked(() -> {
            Map<String, Object> g = tenant.dir.groups.get(Directory.canonicalId(id));
            if (g == null) {
                throw new NoSuchElementException("no group " + id);
            }
            return deepCopy(g);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        return GraphRequests.JSON.convertValue(m, LinkedHashMap.class);
    }

    /**
     * Gives an existing user an Exchange Online mailbox ({@code UserMailbox}, {@code SharedMailbox},
     * {@code RoomMailbox} or {@code EquipmentMailbox}; {@code Regular}/{@code Shared}/... also accepted); sets the
     * user's {@code mail} to the UPN when it has none. Returns the mailbox GUID.
     */
    public String addMailbox(String userIdOrUpn, String recipientTypeDetails) {
        return locked(() -> {
            try {
                return tenant.mailboxes.add(userIdOrUpn, recipientTypeDetails).guid;
            } catch (GraphError e) {
                throw new IllegalArgumentException("no user '" + userIdOrUpn + "'");
            }
        });
    }

    /** Grants delegate rights directly (seeding): {@code right} FullAccess, SendAs or SendOnBehalf; delegate by UPN. */
    public void addMailboxDelegate(String mailboxUserIdOrUpn, String right, String delegateUpn) {
        locked(() -> tenant.mailboxes.grant(mailboxUserIdOrUpn, right, delegateUpn));
    }

    /**
     * A copy of a mailbox ({@code recipientTypeDetails, guid, timeZone, status, externalAudience,
     * internalReplyMessage, externalReplyMessage, scheduledStart, scheduledEnd, fullAccess, sendAs, sendOnBehalf}),
     * found by anything {@code Get-Mailbox -Identity} accepts.
     */
    public Map<String, Object> mailbox(String identity) {
        return locked(() -> {
            try {
                return tenant.mailboxes.snapshot(tenant.mailboxes.resolveMailbox(identity));
            } catch (GraphError e) {
                throw new IllegalArgumentException("no mailbox '" + identity + "'");
            }
        });
    }

    <T> T locked(Supplier<T> action) {
        synchronized (tenant.lock) {
            return action.get();
        }
    }

    void locked(Runnable action) {
        synchronized (tenant.lock) {
            action.run();
        }
    }

    /** Seeding refuses what Graph would refuse, as {@link IllegalArgumentException}. */
    private <T> T seeded(Supplier<T> action) {
        return locked(() -> {
            try {
                return action.get();
            } catch (GraphError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }
}
