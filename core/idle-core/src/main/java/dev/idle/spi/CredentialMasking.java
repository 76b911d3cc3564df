package dev.idle.spi;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>Masking is one pass over the text per kind of credential, each anchored at a fixed piece of text ({@code =},
 * {@code :}, {@code ://}, {@code eyJ}, {@code bearer}, {@code -----BEGIN}) and looking back at most 64 characters,
 * so it is linear in the length of the text, without regular expressions and their backtracking. Masking is
 * idempotent: masked text masks to itself. Stateless and thread-safe.
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

    /** The last letters of every secret name and word: a key ending in another character is not secret (a fast no). */
    private static final String LAST_LETTERS = lastLetters();

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
        if (key == null || !mayEndInSecretWord(key)) {
            return false;
        }
        if (IDLE_SECRET_NAMES.contains(key)) {
            return true;
        }
        return endsWithAny(lettersAndDigits(key), SECRET_ENDINGS);
    }

    private static boolean endsWithAny(String word, List<String> endings) {
        for (String ending : endings) {
            if (word.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayEndInSecretWord(String key) {
        for (int i = key.length() - 1; i >= 0; i--) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                return LAST_LETTERS.indexOf(Character.toLowerCase(c)) >= 0;
            }
        }
        return false;
    }

    private static String lastLetters() {
        StringBuilder letters = new StringBuilder();
        List<String> all = new java.util.ArrayList<>(IDLE_SECRET_NAMES);
        all.addAll(SECRET_ENDINGS);
        all.addAll(TEXT_KEY_ENDINGS);
        for (String word : all) {
            char last = Character.toLowerCase(word.charAt(word.length() - 1));
            if (letters.indexOf(String.valueOf(last)) < 0) {
                letters.append(last);
            }
        }
        return letters.toString();
    }

    /** {@code key} in lower case without separators: {@code X-Api-Key} and {@code x_api_key} become {@code xapikey}. */
    private static String lettersAndDigits(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /** True when {@link #mask} would change {@code text}: it holds a credential that is not masked yet. */
    public static boolean containsCredential(String text) {
        return text != null && text.length() >= SHORTEST_CREDENTIAL && new CredentialScanner(text).found();
    }

    /**
     * {@code text} with the credential part of everything that looks like a credential replaced by {@link #MARKER};
     * the rest of the text is kept ({@code "401: Authorization: [REDACTED]"}). Null stays null.
     */
    public static String mask(String text) {
        if (text == null || text.length() < SHORTEST_CREDENTIAL) {
            return text;
        }
        return new CredentialScanner(text).masked();
    }

    /** A key of a {@code key=value} pair or JSON member inside text whose value is a credential. */
    static boolean isCredentialKeyInText(String key) {
        if (!mayEndInSecretWord(key)) {
            return false;
        }
        if (isSecretNamedKey(key)) {
            return true;
        }
        return endsWithAny(lettersAndDigits(key), TEXT_KEY_ENDINGS);
    }
}
