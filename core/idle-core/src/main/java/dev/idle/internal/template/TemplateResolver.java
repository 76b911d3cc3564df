package dev.idle.internal.template;

import dev.idle.api.InputLimits;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import dev.idle.api.data.Values;
import dev.idle.internal.Excerpt;
import dev.idle.internal.path.PathLimit;
import dev.idle.internal.path.PathResolver;
import dev.idle.internal.redact.Redactor;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Secret;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code {{Request.…}}} placeholders in step inputs at plan time.
 *
 * <p>A string that is only a placeholder yields the typed value (a boolean stays a boolean); a placeholder inside
 * other text is rendered with {@link Values#ps}. Only request data listed in {@link #ALLOWED_ROOTS} may be read, so a
 * workflow cannot pull plan internals or providers into its inputs; credentials and executable values are refused.
 *
 * <p>A value read from a secret-named path (a segment such as {@code Password}, {@code TemporaryPassword} or
 * {@code Pin}, see {@link Redactor#isSecretNamedKey}) stays secret: a lone placeholder yields a {@link Secret} of the
 * value's text, and a string with such a placeholder inside becomes a {@link Secret} as a whole. Every output shows
 * the marker for it; the engine reveals it only to the step that runs with it.
 * {@code \{{} writes literal braces, except right before a valid placeholder, where the backslash stays literal
 * ({@code DOMAIN\{{Request.IdentityKeys.sAMAccountName}}} → {@code DOMAIN\jdoe}).
 */
public final class TemplateResolver {

    /** Request parts a template may read; matched ignoring case (a departure from upstream, which mixes cases). */
    public static final List<String> ALLOWED_ROOTS = List.of("Request.Intent", "Request.Context", "Request.IdentityKeys",
            "Request.LifecycleEvent", "Request.CorrelationId", "Request.Actor");

    /** Stands in for an escaped {@code \{{} while placeholders are found; a private-use character no data holds. */
    private static final String SENTINEL = "\uE001";

    private static final Pattern PURE = Pattern.compile("^\\s*\\{\\{([^}]+)\\}\\}\\s*$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)\\}\\}");

    private TemplateResolver() {
    }

    /**
     * A copy of {@code value} with every string resolved: maps become new {@link DataMap}s (keys untouched), lists new
     * lists, other values are kept. Each problem is added to {@code errors} and the walk goes on; a string that fails
     * is kept as written.
     */
    public static Object resolveTree(Object value, DataMap request, String contextLabel, List<String> errors) {
        return resolveTree(value, request, contextLabel, "With", errors);
    }

    /** {@code keyPath} names where {@code value} sits below the step ({@code With.Attributes.Mail}), for limit errors. */
    private static Object resolveTree(Object value, DataMap request, String contextLabel, String keyPath,
                                      List<String> errors) {
        if (value instanceof String s) {
            try {
                return resolveString(s, request, contextLabel, keyPath);
            } catch (TemplateException e) {
                errors.addAll(e.errors());
                return s;
            }
        }
        if (value instanceof Map<?, ?> map) {
            DataMap copy = new DataMap();
            map.forEach((k, v) -> copy.put(String.valueOf(k),
                    resolveTree(v, request, contextLabel, keyPath + "." + k, errors)));
            return copy;
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            for (Object item : items) {
                copy.add(resolveTree(item, request, contextLabel, keyPath + "[" + copy.size() + "]", errors));
            }
            return copy;
        }
        return value;
    }

    /**
     * {@code s} with its placeholders resolved against {@code request}.
     *
     * @param contextLabel where the string sits (the step name, or {@code ContextResolvers[0]}), named in errors
     * @throws TemplateException listing every problem of this string
     */
    public static Object resolveString(String s, DataMap request, String contextLabel) {
        return resolveString(s, request, contextLabel, null);
    }

    /**
     * {@link #resolveString(String, DataMap, String)}, naming the string's {@code keyPath} (may be null) in limit
     * errors: more placeholders than {@code InputLimits.maxPlaceholdersPerString} are refused before any is read.
     */
    static Object resolveString(String s, DataMap request, String contextLabel, String keyPath) {
        if (s == null || (!s.contains("{{") && !s.contains("}}"))) {
            return s;
        }
        String escaped = PlaceholderSyntax.replaceEscapes(s, SENTINEL);
        String tooMany = PlaceholderSyntax.placeholderLimitProblem(s, escaped, keyPath == null ? "the string" : keyPath);
        if (tooMany != null) {
            throw new TemplateException("Template limit error in '" + contextLabel + "': " + tooMany);
        }
        DataMap roots = DataMap.of("Request", request);
        Matcher pure = PURE.matcher(escaped);
        if (pure.matches()) {
            Placeholder p = new Placeholder(pure.group(0).trim(), pure.group(1).trim(), s, contextLabel);
            Object value = p.lookUp(roots);
            if (!isScalar(value)) {
                throw p.error("Template type error", "Placeholder '%s' resolved to a non-scalar value (unsupported type: "
                        + typeName(value) + "). Only strings, numbers, booleans, dates and GUIDs can be used.");
            }
            return p.readsSecret() ? Secret.of(Values.ps(value)) : value;
        }
        checkBalance(s, escaped, contextLabel);
        return substituteMixed(s, escaped, roots, contextLabel);
    }

    private static Object substituteMixed(String s, String escaped, DataMap roots, String contextLabel) {
        List<String> errors = new ArrayList<>();
        boolean secret = false;
        StringBuilder out = new StringBuilder();
        int maxLength = InputLimits.current().maxStringLength();
        Matcher m = PLACEHOLDER.matcher(escaped);
        while (m.find()) {
            if (out.length() > maxLength) {
                throw new TemplateException("Template limit error in '" + contextLabel + "': the resolved text of '"
                        + Excerpt.of(s) + "' is longer than the limit maxStringLength (" + maxLength + ").");
            }
            Placeholder p = new Placeholder(m.group(0), m.group(1).trim(), s, contextLabel);
            String text = "";
            try {
                Object value = p.lookUp(roots);
                if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Record) {
                    throw p.error("Template type error", "Placeholder '%s' resolved to a non-scalar value (hashtable/array/object: "
                            + typeName(value) + ") and cannot be embedded in text. Use a placeholder on its own "
                            + "to pass a value, or reference a single field.");
                }
                text = Values.ps(value);
                secret |= p.readsSecret();
            } catch (TemplateException e) {
                errors.addAll(e.errors());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        if (out.length() > maxLength) {
            errors.add("Template limit error in '" + contextLabel + "': the resolved text of '" + Excerpt.of(s)
                    + "' is longer than the limit maxStringLength (" + maxLength + ").");
        }
        if (!errors.isEmpty()) {
            throw new TemplateException(errors);
        }
        String text = out.toString().replace(SENTINEL, "{{");
        return secret ? Secret.of(text) : text;
    }

    /** Every {@code {{} must open a complete placeholder and every {@code }}} close one. */
    private static void checkBalance(String s, String escaped, String contextLabel) {
        int open = count(escaped, "{{");
        int close = count(escaped, "}}");
        int complete = 0;
        Matcher m = PLACEHOLDER.matcher(escaped);
        while (m.find()) {
            complete++;
        }
        if (open != complete || close != complete) {
            throw new TemplateException("Template syntax error in '" + contextLabel + "': Unbalanced braces in '"
                    + Excerpt.of(s)
                    + "' (found " + open + " '{{', " + close + " '}}' and " + complete
                    + " complete placeholder(s)). Write a literal '{{' as '\\{{'; a literal '}}' cannot be written.");
        }
    }

    private static int count(String s, String token) {
        int n = 0;
        for (int i = s.indexOf(token); i >= 0; i = s.indexOf(token, i + token.length())) {
            n++;
        }
        return n;
    }

    /** Values a lone placeholder may yield as they are; anything else has no single text form a step could rely on. */
    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof TemporalAccessor || value instanceof TemporalAmount
                || value instanceof UUID || value instanceof Enum<?>;
    }

    static String typeName(Object value) {
        if (value instanceof Map<?, ?>) {
            return "hashtable";
        }
        if (value instanceof Collection<?>) {
            return "array";
        }
        return value.getClass().getSimpleName();
    }

    /** One placeholder occurrence and the checks every placeholder passes before its value is used. */
    private record Placeholder(String text, String path, String template, String contextLabel) {

        Object lookUp(DataMap roots) {
            String tooLong = PathLimit.overLimit(path);
            if (tooLong != null) {
                throw error("Template limit error", "The path of placeholder '%s' " + tooLong + ".");
            }
            if (!PlaceholderSyntax.isValidPath(path)) {
                throw error("Template path error", "Invalid path pattern in placeholder '%s': a path is dot-separated "
                        + "segments of letters, digits and underscores, starting with a letter.");
            }
            if (!isAllowedRoot(path)) {
                throw error("Template security error", "Placeholder '%s' reads '" + path + "', which is not allowed. "
                        + "Allowed roots: " + String.join(", ", ALLOWED_ROOTS) + ".");
            }
            Object value = PathResolver.resolve(roots, path);
            if (value == null) {
                throw error("Template resolution error", "Placeholder '%s' resolved to null or does not exist.");
            }
            if (value instanceof ExecutableValue) {
                throw error("Template security error", "Placeholder '%s' resolved to an executable value; "
                        + "only data may be used.");
            }
            if (value instanceof Secret || value instanceof AuthSession) {
                throw error("Template security error", "Placeholder '%s' resolved to a credential type ("
                        + credentialKind(value) + "); credentials must not be placed in step inputs. Use AuthSessionBroker to pass "
                        + "credentials to providers.");
            }
            return value;
        }

        /** True when a segment of the path is secret-named: the value read is a secret wherever it goes. */
        boolean readsSecret() {
            // The path is valid (checked by lookUp): non-empty segments between single dots.
            for (int start = 0; ; ) {
                int dot = path.indexOf('.', start);
                if (Redactor.isSecretNamedKey(dot < 0 ? path.substring(start) : path.substring(start, dot))) {
                    return true;
                }
                if (dot < 0) {
                    return false;
                }
                start = dot + 1;
            }
        }

        TemplateException error(String kind, String problem) {
            // %s in the problem stands for the placeholder as written; the whole template follows for orientation.
            String where = template.trim().equals(text) ? "" : " Template: '" + Excerpt.of(template) + "'.";
            return new TemplateException(kind + " in '" + contextLabel + "': " + problem.replace("%s", Excerpt.of(text))
                    + where);
        }

        /** The path is valid ASCII (checked before), so comparing ignoring case equals comparing lower-cased. */
        private static boolean isAllowedRoot(String path) {
            for (String root : ALLOWED_ROOTS) {
                int n = root.length();
                if (path.regionMatches(true, 0, root, 0, n) && (path.length() == n || path.charAt(n) == '.')) {
                    return true;
                }
            }
            return false;
        }

        private static String credentialKind(Object value) {
            return value instanceof Secret ? "Secret" : "AuthSession";
        }
    }
}
