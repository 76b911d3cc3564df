package dev.idle.internal.redact;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

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
        return mapLeaves(tree, v -> v instanceof Secret s ? s.reveal() : v);
    }

    /** A copy of {@code tree}: maps become {@link DataMap}s, lists and other collections new lists, leaves {@code leaf(v)}. */
    static Object mapLeaves(Object tree, UnaryOperator<Object> leaf) {
        if (tree instanceof Map<?, ?> m) {
            DataMap copy = new DataMap();
            m.forEach((k, v) -> copy.put(String.valueOf(k), mapLeaves(v, leaf)));
            return copy;
        }
        if (tree instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>(c.size());
            c.forEach(item -> copy.add(mapLeaves(item, leaf)));
            return copy;
        }
        return leaf.apply(tree);
    }
}
