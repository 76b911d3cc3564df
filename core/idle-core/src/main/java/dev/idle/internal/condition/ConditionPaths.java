package dev.idle.internal.condition;

import dev.idle.api.data.DataMap;
import dev.idle.internal.path.PathResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The static path check run before a condition is evaluated: paths compared with {@code Equals}, {@code NotEquals}
 * and {@code In} must exist, anywhere in the tree and regardless of short-circuiting, so a typo fails loudly instead
 * of quietly comparing against {@code ""}. {@code Contains}, {@code NotContains}, {@code Like} and {@code NotLike}
 * are built to tolerate absent data and are never checked; {@code Exists} only when the caller asks.
 */
public final class ConditionPaths {

    private ConditionPaths() {
    }

    /**
     * The checked paths of {@code node} (prefix {@code context.} removed in any case), without duplicates, in the order
     * first met.
     */
    public static List<String> collectPaths(Object node, boolean includeExists) {
        Set<String> paths = new LinkedHashSet<>();
        collect(node, includeExists, paths);
        return new ArrayList<>(paths);
    }

    /** The {@link #collectPaths collected paths} that do not exist below {@code roots}. */
    public static List<String> unresolvedPaths(Object node, DataMap roots, boolean includeExists) {
        List<String> missing = new ArrayList<>();
        for (String path : collectPaths(node, includeExists)) {
            if (!PathResolver.exists(roots, path)) {
                missing.add(path);
            }
        }
        return missing;
    }

    private static void collect(Object node, boolean includeExists, Set<String> paths) {
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (ConditionKeys.canonical(key, ConditionKeys.GROUPS) != null) {
                collectChildren(entry.getValue(), includeExists, paths);
                continue;
            }
            String operator = ConditionKeys.canonical(key, ConditionKeys.OPERATORS);
            boolean checked = ConditionKeys.CHECKED_OPERATORS.contains(operator)
                    || (includeExists && "Exists".equals(operator));
            String path = checked ? ConditionKeys.operatorPath(entry.getValue()) : null;
            if (path != null && !path.isBlank()) {
                paths.add(ConditionKeys.stripContextPrefix(path));
            }
        }
    }

    private static void collectChildren(Object groupValue, boolean includeExists, Set<String> paths) {
        if (groupValue instanceof Collection<?> children) {
            for (Object child : children) {
                collect(child, includeExists, paths);
            }
        } else {
            collect(groupValue, includeExists, paths);
        }
    }
}
