package dev.idle.api;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

/**
 * Host-side execution options: named retry profiles and the default one, and the blast-radius limit of a batch
 * ({@link #maxAffected()}). Unknown keys are ignored, as in IdLE.
 */
@API(status = STABLE, since = "0.1")
public final class ExecutionOptions {
    private static final Pattern PROFILE_NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    private static final ExecutionOptions NONE = new ExecutionOptions(null, null, true, null);

    private final String defaultRetryProfile;
    private final Map<String, RetryProfile> retryProfiles;
    /** True when the host gave no execution options at all; then a step's RetryProfile is ignored, as in IdLE. */
    private final boolean absent;
    /** {@code executionOptions.maxAffected}: the most requests of a batch that may change something; null for none. */
    private final MaxAffected maxAffected;

    private ExecutionOptions(String defaultRetryProfile, Map<String, RetryProfile> retryProfiles) {
        this(defaultRetryProfile, retryProfiles, false, null);
    }

    private ExecutionOptions(String defaultRetryProfile, Map<String, RetryProfile> retryProfiles, boolean absent,
                             MaxAffected maxAffected) {
        this.defaultRetryProfile = defaultRetryProfile;
        this.retryProfiles = retryProfiles;
        this.absent = absent;
        this.maxAffected = maxAffected;
    }

    /**
     * No execution options: every step uses {@link RetryProfile#DEFAULT}, even one that names a retry profile
     * (IdLE ignores {@code RetryProfile} when no ExecutionOptions are given).
     */
    public static ExecutionOptions defaults() {
        return NONE;
    }

    public static ExecutionOptions of(String defaultRetryProfile, Map<String, RetryProfile> profiles) {
        Map<String, RetryProfile> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(profiles);
        return new ExecutionOptions(defaultRetryProfile, Collections.unmodifiableMap(copy));
    }

    /**
     * Reads {@code executionOptions} from a host file, reporting every invalid value at once.
     *
     * @param source names the file in messages
     */
    public static ExecutionOptions fromData(Object data, String source) {
        if (data == null) {
            return defaults();
        }
        if (!(data instanceof DataMap m)) {
            throw new IdleInputException(source + ": executionOptions must be a map");
        }
        String executable = Values.findExecutable(m, "ExecutionOptions");
        if (executable != null) {
            throw new IdleInputException(source + ": ScriptBlocks are not allowed in request data. Found at: "
                    + executable);
        }
        List<String> problems = new ArrayList<>();
        Map<String, RetryProfile> profiles = null;
        Object rawProfiles = m.get("RetryProfiles");
        if (rawProfiles != null) {
            if (!(rawProfiles instanceof DataMap pm)) {
                problems.add("executionOptions.retryProfiles must be a map");
            } else {
                profiles = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (Map.Entry<String, Object> e : pm.entrySet()) {
                    if (!PROFILE_NAME.matcher(e.getKey()).matches()) {
                        problems.add("retry profile name '" + e.getKey() + "' must match ^[A-Za-z0-9_.-]{1,64}$");
                        continue;
                    }
                    RetryProfile p = profile(e.getKey(), e.getValue(), problems);
                    if (p != null) {
                        profiles.put(e.getKey(), p);
                    }
                }
            }
        }
        String def = null;
        Object rawDefault = m.get("DefaultRetryProfile");
        if (rawDefault != null) {
            def = Values.ps(rawDefault);
            if (def.isBlank()) {
                problems.add("executionOptions.defaultRetryProfile must not be blank");
            } else if (profiles != null && !profiles.containsKey(def) && rawProfiles instanceof DataMap pm
                    && !pm.containsKey(def)) {
                problems.add("executionOptions.defaultRetryProfile '" + def
                        + "' references a profile that does not exist in RetryProfiles.");
            }
        }
        MaxAffected maxAffected = maxAffected(m.get("MaxAffected"), problems);
        if (!problems.isEmpty()) {
            List<String> located = problems.stream().map(p -> source + ": " + p).toList();
            throw new IdleInputException(source + ": invalid executionOptions", located);
        }
        // maxAffected alone leaves the retry behaviour as it is without execution options: adding a batch limit
        // must not make a step that names a RetryProfile fail
        boolean onlyMaxAffected = !m.isEmpty() && m.keySet().stream().allMatch("MaxAffected"::equalsIgnoreCase);
        return new ExecutionOptions(def, profiles == null ? null : Collections.unmodifiableMap(profiles),
                onlyMaxAffected, maxAffected);
    }

    private static MaxAffected maxAffected(Object raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        try {
            if (raw instanceof Long || raw instanceof Integer) {
                return MaxAffected.count(((Number) raw).longValue());
            }
            if (raw instanceof String text) {
                return MaxAffected.parse(text);
            }
            throw new IllegalArgumentException("must be a number of requests (such as 100) or a percentage of the"
                    + " requests (such as '5%')");
        } catch (IllegalArgumentException e) {
            problems.add("executionOptions.maxAffected " + e.getMessage());
            return null;
        }
    }

    private static RetryProfile profile(String name, Object raw, List<String> problems) {
        if (!(raw instanceof DataMap p)) {
            problems.add("retry profile '" + name + "' must be a map");
            return null;
        }
        RetryProfile d = RetryProfile.DEFAULT;
        int before = problems.size();
        int maxAttempts = integer(p, "MaxAttempts", d.maxAttempts(), 0, 10, name, problems);
        int initial = integer(p, "InitialDelayMilliseconds", d.initialDelayMs(), 0, 60000, name, problems);
        double factor = number(p, "BackoffFactor", d.backoffFactor(), 1.0, Double.MAX_VALUE, name, problems);
        int maxDelay = integer(p, "MaxDelayMilliseconds", d.maxDelayMs(), 0, 300000, name, problems);
        double jitter = number(p, "JitterRatio", d.jitterRatio(), 0.0, 1.0, name, problems);
        if (maxDelay < initial) {
            problems.add("retry profile '" + name + "': MaxDelayMilliseconds (" + maxDelay
                    + ") must be >= InitialDelayMilliseconds (" + initial + ")");
        }
        return problems.size() == before ? new RetryProfile(maxAttempts, initial, factor, maxDelay, jitter) : null;
    }

    private static int integer(DataMap p, String key, int dflt, int min, int max, String name, List<String> problems) {
        if (!p.containsKey(key)) {
            return dflt;
        }
        Object v = p.get(key);
        if ((v instanceof Long || v instanceof Integer) && ((Number) v).longValue() >= min
                && ((Number) v).longValue() <= max) {
            return ((Number) v).intValue();
        }
        problems.add("retry profile '" + name + "': " + key + " must be an integer between " + min + " and " + max);
        return dflt;
    }

    private static double number(DataMap p, String key, double dflt, double min, double max, String name,
                                 List<String> problems) {
        if (!p.containsKey(key)) {
            return dflt;
        }
        Object v = p.get(key);
        if (v instanceof Number n && !(v instanceof java.math.BigInteger) && n.doubleValue() >= min
                && n.doubleValue() <= max) {
            return n.doubleValue();
        }
        problems.add("retry profile '" + name + "': " + key + " must be a number "
                + (max == Double.MAX_VALUE ? ">= " + min : "between " + min + " and " + max));
        return dflt;
    }

    /**
     * The most requests of one {@code idle batch} that may change something ({@code executionOptions.maxAffected});
     * null when the host sets none. {@code idle batch --max-affected} takes precedence; other commands ignore it.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public MaxAffected maxAffected() {
        return maxAffected;
    }

    /** Null when none. */
    public String defaultRetryProfile() {
        return defaultRetryProfile;
    }

    /** Null when the host configured no profiles (then a step naming a profile fails). */
    public Map<String, RetryProfile> retryProfiles() {
        return retryProfiles;
    }

    /**
     * The profile for a step: its own {@code RetryProfile}, else the default profile, else {@link RetryProfile#DEFAULT};
     * always {@link RetryProfile#DEFAULT} for {@link #defaults()} (no execution options given).
     *
     * @throws IllegalStateException when the step names a profile that does not exist
     */
    public RetryProfile profileFor(String stepName, String stepProfile) {
        if (absent) {
            return RetryProfile.DEFAULT;
        }
        if (stepProfile != null && retryProfiles == null) {
            throw new IllegalStateException("Step '" + stepName + "' references RetryProfile '" + stepProfile
                    + "' but ExecutionOptions.RetryProfiles is not configured.");
        }
        if (retryProfiles == null) {
            return RetryProfile.DEFAULT;
        }
        String key = stepProfile != null ? stepProfile : defaultRetryProfile;
        if (key == null) {
            return RetryProfile.DEFAULT;
        }
        RetryProfile p = retryProfiles.get(key);
        if (p == null) {
            throw new IllegalStateException("Step '" + stepName + "' references unknown RetryProfile '" + key
                    + "'. Available profiles: " + String.join(", ", retryProfiles.keySet()) + ".");
        }
        return p;
    }
}
