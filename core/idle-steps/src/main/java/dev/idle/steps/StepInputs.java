package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.StepContext;
import java.util.List;

/** Run-time checks of a step's {@code With}: a handler may be called directly, so it does not trust the planner. */
final class StepInputs {
    private StepInputs() {
    }

    /** The value of a required key as a string; fails with "{@code <Step> requires With.<key>.}" when absent. */
    static String requireString(StepContext ctx, String stepLabel, String key) {
        return requireString(ctx.with(), stepLabel, key);
    }

    /** {@link #requireString(StepContext, String, String)} on a {@code With} map (previews read it too). */
    static String requireString(DataMap with, String stepLabel, String key) {
        if (!with.containsKey(key)) {
            throw new IllegalArgumentException(stepLabel + " requires With." + key + ".");
        }
        return Values.ps(with.get(key));
    }

    /** A required key whose value must be a map ("{@code <Step> requires With.<key> to be a hashtable.}"). */
    static DataMap requireMap(StepContext ctx, String stepLabel, String key) {
        return requireMap(ctx.with(), stepLabel, key);
    }

    /** {@link #requireMap(StepContext, String, String)} on a {@code With} map. */
    static DataMap requireMap(DataMap with, String stepLabel, String key) {
        requireString(with, stepLabel, key);
        if (!(with.get(key) instanceof DataMap map)) {
            throw new IllegalArgumentException(stepLabel + " requires With." + key + " to be a hashtable.");
        }
        return map;
    }

    /** The entry of {@code allowed} equal to {@code value} ignoring case, or null when there is none. */
    static String oneOf(String value, List<String> allowed) {
        return allowed.stream().filter(a -> a.equalsIgnoreCase(value)).findFirst().orElse(null);
    }
}
