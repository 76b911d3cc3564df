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
        List<String> allowed = new ArrayList<>(meta.requiredKeys());
        allowed.addAll(meta.optionalKeys());
        boolean permissive = meta.optionalKeys().contains("*");
        TreeSet<String> required = sorted(meta.requiredKeys());
        TreeSet<String> supported = sorted(allowed);
        supported.remove("*");
        for (String key : meta.requiredKeys()) {
            if (!with.containsKey(key)) {
                problems.add("Step '" + stepName + "' (type '" + meta.type() + "') is missing required With." + key
                        + ". Required With keys: " + String.join(", ", required) + ".");
            }
        }
        if (permissive) {
            return;
        }
        for (String key : with.keySet()) {
            if (allowed.stream().noneMatch(key::equalsIgnoreCase)) {
                problems.add("Step '" + stepName + "' (type '" + meta.type() + "') does not support With." + key
                        + ". Supported With keys: " + String.join(", ", supported) + "."
                        + Suggestions.didYouMean(key, supported));
            }
        }
    }

    private static TreeSet<String> sorted(List<String> keys) {
        TreeSet<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(keys);
        return s;
    }
}
