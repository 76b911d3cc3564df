package dev.idle.internal.workflow;

import dev.idle.api.data.DataMap;
import dev.idle.internal.Suggestions;
import dev.idle.spi.StepMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The {@code With} keys a step type requires and allows (case-insensitive; {@code *} in OptionalKeys allows any). */
public final class WithSchemaCheck {
    private WithSchemaCheck() {
    }

    /** Adds one message per missing required key and per unsupported key. */
    public static void check(String stepName, StepMetadata meta, DataMap with, List<String> problems) {
        for (String key : meta.requiredKeys()) {
            if (!with.containsKey(key)) {
                problems.add("Step '" + stepName + "' (type '" + meta.type() + "') is missing required With." + key
                        + ". Required With keys: " + String.join(", ", sorted(meta.requiredKeys())) + ".");
            }
        }
        if (meta.optionalKeys().contains("*")) {
            return;
        }
        for (String key : with.keySet()) {
            if (!isListed(meta.requiredKeys(), key) && !isListed(meta.optionalKeys(), key)) {
                // The sorted list is built only for the message: a plan checks every step's With, most of them valid.
                List<String> allowed = new ArrayList<>(meta.requiredKeys());
                allowed.addAll(meta.optionalKeys());
                TreeSet<String> supported = sorted(allowed);
                problems.add("Step '" + stepName + "' (type '" + meta.type() + "') does not support With." + key
                        + ". Supported With keys: " + String.join(", ", supported) + "."
                        + Suggestions.didYouMean(key, supported));
            }
        }
    }

    private static boolean isListed(List<String> keys, String key) {
        for (String k : keys) {
            if (k.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    private static TreeSet<String> sorted(List<String> keys) {
        TreeSet<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(keys);
        return s;
    }
}
