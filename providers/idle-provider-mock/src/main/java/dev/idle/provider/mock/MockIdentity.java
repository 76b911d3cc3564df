package dev.idle.provider.mock;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.Entitlement;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable state of one mock identity. Not thread-safe on its own: it is only touched while holding the lock of
 * the {@link MockStore} that owns it.
 */
public final class MockIdentity {
    private boolean enabled = true;
    private final DataMap attributes = new DataMap();
    private final List<Entitlement> entitlements = new ArrayList<>();
    private final List<MockSession> sessions = new ArrayList<>();
    private String container;
    private DataMap mailbox;

    public boolean enabled() {
        return enabled;
    }

    public MockIdentity enabled(boolean value) {
        this.enabled = value;
        return this;
    }

    /** The live attribute map (case-insensitive keys). */
    public DataMap attributes() {
        return attributes;
    }

    public MockIdentity attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    /** The live entitlement list, in grant order. */
    public List<Entitlement> entitlements() {
        return entitlements;
    }

    public MockIdentity entitlement(String kind, String id) {
        entitlements.add(Entitlement.of(kind, id));
        return this;
    }

    /** The live session list. */
    public List<MockSession> sessions() {
        return sessions;
    }

    public MockIdentity session(String id, String client) {
        sessions.add(new MockSession(id, client));
        return this;
    }

    public String container() {
        return container;
    }

    public MockIdentity container(String value) {
        this.container = value;
        return this;
    }

    /** The mailbox ({@code type}, {@code outOfOffice}, {@code permissions}), or null when the identity has none. */
    public DataMap mailbox() {
        return mailbox;
    }

    public MockIdentity mailbox(DataMap value) {
        this.mailbox = value;
        return this;
    }

    /** Gives the identity a mailbox of {@code type} (User, Shared, Room, Equipment) without out-of-office or delegates. */
    public MockIdentity mailbox(String type) {
        this.mailbox = DataMap.of("type", type, "outOfOffice", null, "permissions", new ArrayList<>());
        return this;
    }

    /** Sets the mailbox's out-of-office ({@code mode}, {@code internalMessage}, ...; camelCase keys). */
    public MockIdentity outOfOffice(DataMap value) {
        requireMailbox().put("outOfOffice", value);
        return this;
    }

    /** Adds a delegate permission ({@code FullAccess}, {@code SendAs}, {@code SendOnBehalf}) to the mailbox. */
    @SuppressWarnings("unchecked")
    public MockIdentity mailboxPermission(String delegate, String right) {
        DataMap m = requireMailbox();
        if (!(m.get("permissions") instanceof List<?>)) {
            m.put("permissions", new ArrayList<>());
        }
        ((List<Object>) m.get("permissions")).add(DataMap.of("delegate", delegate, "right", right));
        return this;
    }

    private DataMap requireMailbox() {
        if (mailbox == null) {
            throw new IllegalStateException("Give the identity a mailbox first: mailbox(\"User\").");
        }
        return mailbox;
    }

    /** A deep copy, so callers outside the store's lock never share mutable state with it. */
    public MockIdentity copy() {
        MockIdentity c = new MockIdentity();
        c.enabled = enabled;
        c.attributes.putAll(Values.deepCopyMap(attributes));
        entitlements.forEach(e -> c.entitlements.add(Entitlement.of(e.kind(), e.id())));
        c.sessions.addAll(sessions);
        c.container = container;
        c.mailbox = mailbox == null ? null : Values.deepCopyMap(mailbox);
        return c;
    }
}
