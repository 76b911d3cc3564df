package dev.idle.provider.mock;

import dev.idle.spi.Capability;
import dev.idle.spi.Operation;
import java.util.List;

/**
 * The IdLE method names the mock implements, which {@code failOn} and {@code failPermanentlyOn} may name: the
 * operations of every built-in capability, in catalog order.
 */
final class MockMethods {
    static final List<String> ALL = Capability.builtIns().stream().filter(c -> !c.derived())
            .flatMap(c -> c.operations().stream()).map(Operation::method).toList();

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
