package dev.idle.provider.mock;

import dev.idle.spi.Capability;
import java.util.List;

/** The capability catalog the mock advertises by default, and the syntax a capability id must follow. */
final class MockCapabilities {
    /** Every built-in capability, in catalog order: the mock implements them all (Prune through List and Revoke). */
    static final List<String> ALL = Capability.builtIns().stream().map(Capability::id).toList();

    private MockCapabilities() {
    }

    static String validate(String id) {
        if (!Capability.isValidId(id)) {
            throw new IllegalArgumentException("Mock provider option 'capabilities': '" + id
                    + "' is not a capability id (expected dotted words such as IdLE.Identity.Read).");
        }
        return id;
    }
}
