package dev.idle.spi;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * IdLE's two rules for telling secrets apart from other data, for every output the engine writes (plan export,
 * result, events, logs, error messages) and for providers that put server text into their errors:
 * <ul>
 *   <li><b>By key</b> ({@link #isSecretNamedKey}): a value under a key that equals, or ends in, a secret word.</li>
 *   <li><b>By value</b> ({@link #mask}): text that looks like a credential — a {@code Bearer} token, a JWT, a PEM
 *       private key block, a secret in a {@code key=value} pair or a JSON member ({@code Password=…;},
 *       {@code AccountKey=…}, {@code "client_secret": "…"}), a credential HTTP header ({@code Authorization: …}) and
 *       the password of a URL ({@code https://user:password@host}) — is found anywhere inside a longer string and
 *       only the credential part is replaced by {@link #MARKER}.</li>
 * </ul>
 *
 * <p>Matching is linear in the length of the text: the patterns are compiled once, every repetition is possessive
 * (no backtracking) and anchored at a token boundary, and the private key block is found with plain
 * {@code indexOf}. Masking is idempotent: masked text masks to itself. Stateless and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CredentialMasking {
    /** What a secret is replaced with in every output. */
    public static final String MARKER = "[REDACTED]";

    /** IdLE's exact secret key names (compared ignoring case). */
    private static final Set<String> IDLE_SECRET_NAMES = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        IDLE_SECRET_NAMES.addAll(List.of("password", "passphrase", "secret", "token", "apikey", "clientSecret",
                "accessToken", "refreshToken", "credential", "privateKey", "AccountPassword",
                "AccountPasswordAsPlainText", "GeneratedAccountPasswordPlainText",
                "GeneratedAccountPasswordProtected"));
    }

    /** A key that equals or ends in one of these (lower case, separators removed) is secret-named. */
    private static final List<String> SECRET_ENDINGS = List.of("password", "passphrase", "secret", "token", "apikey",
            "privatekey", "credential", "credentials", "authorization", "pwd", "pin", "cookie");

    /**
     * Further endings of the key in a {@code key=value} pair or JSON member inside text: connection-string and
     * cloud-storage keys ({@code AccountKey}, {@code SharedAccessKey}, {@code SecretAccessKey}, {@code passwd}).
     */
    private static final List<String> TEXT_KEY_ENDINGS = List.of("passwd", "accountkey", "accesskey",
            "sharedaccesssignature");

    private static final Pattern HEADER = Pattern.compile("(?i)(?<![A-Za-z0-9_-])(?:proxy-authorization|authorization"
            + "|x-api-key|api-key|apikey|set-cookie|cookie|x-auth-token|ocp-apim-subscription-key)[ \\t]*+:[ \\t]*+"
            + "([^\\r\\n\"]++)");
    private static final Pattern JWT = Pattern.compile(
            "(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]*+(?:\\.[A-Za-z0-9_-]*+)*+)");
    private static final Pattern BEARER = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_-])bearer\\s++([A-Za-z0-9\\-._~+/]{8,}+=*+)");
    private static final Pattern URL_PASSWORD = Pattern.compile(
            "(?i)(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{0,31}+://[^\\s:/?#@\\[\\]]*+:([^\\s/?#@]++)@");
    private static final Pattern JSON_MEMBER = Pattern.compile(
            "\"([A-Za-z_][A-Za-z0-9_.\\- ]{0,63}+)\"[ \\t]*+:[ \\t]*+(?:\"((?:[^\"\\\\\\r\\n]|\\\\.)*+)\"|([^,}\\]\\s\"]++))");
    /** The key and {@code =} of a {@code key=value} pair; the value is read by hand, only after the key qualifies. */
    private static final Pattern KEY_EQUALS = Pattern.compile(
            "(?<![A-Za-z0-9_.\\-])([A-Za-z_][A-Za-z0-9_.\\-]{0,63}+)[ \\t]*+=[ \\t]*+");

    private static final String PEM_BEGIN = "-----BEGIN ";
    private static final String PEM_END = "-----END ";
    private static final String PEM_DASHES = "-----";
    /** The longest PEM label looked at ({@code ENCRYPTED PRIVATE KEY}, {@code OPENSSH PRIVATE KEY}, …). */
    private static final int PEM_LABEL_MAX = 64;

    /** The shortest text that can hold a credential this class finds; shorter text is returned at once. */
    private static final int SHORTEST_CREDENTIAL = 5;

    private CredentialMasking() {
    }

    /** True for IdLE's exact secret key names ({@code password}, {@code clientSecret}, …), ignoring case. */
    public static boolean isIdleSecretName(String key) {
        return key != null && IDLE_SECRET_NAMES.contains(key);
    }

    /**
     * True when values under this key are secret: IdLE's exact names, and any key that equals or ends in a secret word
     * once case and separators ({@code -}, {@code _}, {@code .}, spaces) are ignored ({@code TemporaryPassword},
     * {@code bearerToken}, {@code X-Api-Key}, {@code Pwd}, {@code SessionCookie}). A word elsewhere in the key does
     * not count: {@code passwordHint}, {@code tokenCount}, {@code pinned} are not secret-named, while {@code Spin}
     * is (it ends in {@code pin}).
     */
    public static boolean isSecretNamedKey(String key) {
        if (key == null) {
            return false;
        }
        if (IDLE_SECRET_NAMES.contains(key)) {
            return true;
        }
        String word = lettersAndDigits(key);
        return SECRET_ENDINGS.stream().anyMatch(word::endsWith);
    }

    /** A key of a {@code key=value} pair or JSON member inside text whose value is a credential. */
    private static boolean isCredentialKeyInText(String key) {
        if (isSecretNamedKey(key)) {
            return true;
        }
        String word = lettersAndDigits(key);
        return TEXT_KEY_ENDINGS.stream().anyMatch(word::endsWith);
    }

    /** {@code key} in lower case without separators: {@code X-Api-Key} and {@code x_api_key} become {@code xapikey}. */
    private static String lettersAndDigits(String key) {
        StringBuilder out = new StringBuilder(key.length());
        key.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** True when {@link #mask} would change {@code text}: it holds a credential that is not masked yet. */
    public static boolean containsCredential(String text) {
        return text != null && !mask(text).equals(text);
    }

    /**
     * {@code text} with the credential part of everything that looks like a credential replaced by {@link #MARKER};
     * the rest of the text is kept ({@code "401: Authorization: [REDACTED]"}). Null stays null.
     */
    public static String mask(String text) {
        if (text == null || text.length() < SHORTEST_CREDENTIAL) {
            return text;
        }
        String out = maskPrivateKeys(text);
        out = maskGroups(out, HEADER, false);
        out = maskGroups(out, JWT, false);
        out = maskGroups(out, BEARER, false);
        out = maskGroups(out, URL_PASSWORD, false);
        out = maskGroups(out, JSON_MEMBER, true);
        return maskKeyValues(out);
    }

    /**
     * Replaces, in every match of {@code pattern}, the first non-empty group after the key group (group 1 when
     * {@code keyed} is false) by the marker; with {@code keyed}, only when group 1 names a credential.
     */
    private static String maskGroups(String text, Pattern pattern, boolean keyed) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (keyed && !isCredentialKeyInText(m.group(1))) {
                continue;
            }
            int group = keyed ? 2 : 1;
            while (group <= m.groupCount() && m.group(group) == null) {
                group++;
            }
            if (group > m.groupCount() || m.group(group).isEmpty() || m.group(group).startsWith(MARKER)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start(group)).append(MARKER);
            copied = m.end(group);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * Masks the value of every {@code key=value} pair whose key names a credential. The value runs to the next
     * {@code ;}, {@code &}, quote or line end (spaces included: a connection string's password may hold spaces), or
     * is quoted ({@code "…"}, {@code '…'}, {@code {…}}). The search goes on right after each {@code =}, so a pair
     * inside the value of another is found too.
     */
    private static String maskKeyValues(String text) {
        Matcher m = KEY_EQUALS.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < text.length() && m.find(from)) {
            from = m.end();
            if (!isCredentialKeyInText(m.group(1))) {
                continue;
            }
            int start = m.end();
            int end = valueEnd(text, start);
            if (start < text.length() && "\"'{".indexOf(text.charAt(start)) >= 0) {
                start++;
            }
            String value = text.substring(start, end);
            if (value.isEmpty() || value.startsWith(MARKER)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, start).append(MARKER);
            copied = end;
            from = Math.max(from, end);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Where the value starting at {@code start} ends (exclusive; a closing quote or brace stays outside). */
    private static int valueEnd(String text, int start) {
        if (start >= text.length()) {
            return start;
        }
        char first = text.charAt(start);
        char close = first == '"' ? '"' : first == '\'' ? '\'' : first == '{' ? '}' : 0;
        int i = close == 0 ? start : start + 1;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || (close != 0 ? c == close : ";&\"'".indexOf(c) >= 0)) {
                break;
            }
        }
        return i;
    }

    /**
     * Replaces the body of every {@code -----BEGIN … PRIVATE KEY-----} block by the marker, keeping the BEGIN and END
     * lines; a block without its END line is masked to the end of the text (a cut-off key is still a key).
     */
    private static String maskPrivateKeys(String text) {
        int begin = text.indexOf(PEM_BEGIN);
        if (begin < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (begin >= 0) {
            int labelStart = begin + PEM_BEGIN.length();
            int labelEnd = text.indexOf(PEM_DASHES, labelStart);
            if (labelEnd < 0) {
                break;
            }
            if (labelEnd - labelStart > PEM_LABEL_MAX || !text.substring(labelStart, labelEnd).contains("PRIVATE KEY")) {
                begin = text.indexOf(PEM_BEGIN, labelStart);
                continue;
            }
            int bodyStart = labelEnd + PEM_DASHES.length();
            int end = text.indexOf(PEM_END, bodyStart);
            int bodyEnd = end < 0 ? text.length() : end;
            out.append(text, copied, bodyStart);
            if (!text.substring(bodyStart, bodyEnd).strip().equals(MARKER)) {
                out.append(MARKER);
            } else {
                out.append(text, bodyStart, bodyEnd);
            }
            copied = bodyEnd;
            if (end < 0) {
                break;
            }
            begin = text.indexOf(PEM_BEGIN, end + PEM_END.length());
        }
        return out.append(text, copied, text.length()).toString();
    }
}
