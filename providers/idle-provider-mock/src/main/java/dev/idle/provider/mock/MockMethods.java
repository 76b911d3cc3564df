package dev.idle.provider.mock;

import dev.idle.spi.ProviderMethods;
import java.util.List;

/** The IdLE method names the mock implements, which {@code failOn} and {@code failPermanentlyOn} may name. */
final class MockMethods {
    static final List<String> ALL = List.of(
            ProviderMethods.GET_IDENTITY, ProviderMethods.CREATE_IDENTITY, ProviderMethods.DELETE_IDENTITY,
            ProviderMethods.DISABLE_IDENTITY, ProviderMethods.ENABLE_IDENTITY, ProviderMethods.MOVE_IDENTITY,
            ProviderMethods.ENSURE_ATTRIBUTE, ProviderMethods.REVOKE_SESSIONS, ProviderMethods.LIST_ENTITLEMENTS,
            ProviderMethods.GRANT_ENTITLEMENT, ProviderMethods.REVOKE_ENTITLEMENT,
            ProviderMethods.GET_MAILBOX, ProviderMethods.ENSURE_MAILBOX_TYPE, ProviderMethods.ENSURE_OUT_OF_OFFICE,
            ProviderMethods.ENSURE_MAILBOX_PERMISSIONS, ProviderMethods.START_SYNC_CYCLE,
            ProviderMethods.GET_SYNC_CYCLE_STATE);

    private MockMethods() {
    }

    /** The canonical spelling of a method name given in any letter case. */
    static String canonical(String name, String option) {
        for (String m : ALL) {
            if (m.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("Mock provider option '" + option + "': unknown method '" + name
                + "'. Methods: " + String.join(", ", ALL) + ".");
    }
}
