package dev.idle.internal.redact;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one place where the engine turns the {@link Secret}s of a step's inputs back into text: a template that reads a
 * secret-named path (an initial password from the HR request) puts a {@link Secret} into the plan, so that plan
 * exports, results, events and logs show the marker; the step that runs with it, and the provider it calls, need the
 * real value. The input is never changed.
 */
public final class RevealedSecrets {
    private RevealedSecrets() {
    }

    /** A copy of {@code tree} (maps become {@link DataMap}s, lists new lists) with every {@link Secret} as its text. */
    public static Object of(Object tree) {
        if (tree instanceof Secret s) {
            return s.reveal();
        }
        if (tree instanceof Map<?, ?> m) {
            DataMap copy = new DataMap();
            m.forEach((k, v) -> copy.put(String.valueOf(k), of(v)));
            return copy;
        }
        if (tree instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>(c.size());
            c.forEach(item -> copy.add(of(item)));
            return copy;
        }
        return tree;
    }
}
