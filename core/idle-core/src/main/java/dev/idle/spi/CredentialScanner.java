package dev.idle.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the credential parts of one text for {@link CredentialMasking#mask}. Each kind of credential is found from a
 * fixed anchor ({@code -----BEGIN }, {@code eyJ}, {@code bearer}, {@code ://}, {@code :}, {@code =}) by scanning
 * forward, and back at most {@value #KEY_MAX} characters for a key, so the whole search is linear in the length of
 * the text. Parts that already start with the marker are left alone, which makes masking idempotent. One instance
 * per text; not thread-safe.
 */
final class CredentialScanner {
    /** The longest key (or header name, PEM label) looked at; longer runs are not keys. */
    private static final int KEY_MAX = 64;
    private static final String MARKER = CredentialMasking.MARKER;
    private static final String PEM_BEGIN = "-----BEGIN ";
    private static final String PEM_END = "-----END ";
    private static final String DASHES = "-----";
    private static final String BEARER = "bearer";
    private static final String JWT_START = "eyJ";
    /** HTTP headers whose whole value is a credential (lower case). */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key",
            "api-key", "apikey", "cookie", "set-cookie", "x-auth-token", "ocp-apim-subscription-key");

    private static final int SHORTEST_HEADER = CREDENTIAL_HEADERS.stream().mapToInt(String::length).min().orElse(0);
    private static final int LONGEST_HEADER = CREDENTIAL_HEADERS.stream().mapToInt(String::length).max().orElse(0);

    private final String text;
    /** Half-open ranges {@code [start, end)} to replace by the marker, in the order found. */
    private final List<int[]> ranges = new ArrayList<>();

    CredentialScanner(String text) {
        this.text = text;
        privateKeys();
        jwts();
        bearerTokens();
        urlPasswords();
        colonPairs();
        equalsPairs();
    }

    boolean found() {
        return !ranges.isEmpty();
    }

    /** The text with every range found replaced by the marker; overlapping ranges become one marker. */
    String masked() {
        if (ranges.isEmpty()) {
            return text;
        }
        ranges.sort(Comparator.comparingInt(r -> r[0]));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int[] r : ranges) {
            if (r[1] <= copied) {
                continue;
            }
            if (r[0] < copied) {
                copied = r[1];
                continue;
            }
            out.append(text, copied, r[0]).append(MARKER);
            copied = r[1];
        }
        return out.append(text, copied, text.length()).toString();
    }

    private void add(int start, int end) {
        if (end > start && !text.startsWith(MARKER, start)) {
            ranges.add(new int[] {start, end});
        }
    }

    /** The body of a {@code -----BEGIN … PRIVATE KEY-----} block; without its END line, the rest of the text. */
    private void privateKeys() {
        int begin = text.indexOf(PEM_BEGIN);
        while (begin >= 0) {
            int labelStart = begin + PEM_BEGIN.length();
            int labelEnd = text.indexOf(DASHES, labelStart);
            if (labelEnd < 0) {
                return;
            }
            if (labelEnd - labelStart > KEY_MAX || !text.substring(labelStart, labelEnd).contains("PRIVATE KEY")) {
                begin = text.indexOf(PEM_BEGIN, labelStart);
                continue;
            }
            int bodyStart = labelEnd + DASHES.length();
            int end = text.indexOf(PEM_END, bodyStart);
            add(bodyStart, end < 0 ? text.length() : end);
            if (end < 0) {
                return;
            }
            begin = text.indexOf(PEM_BEGIN, end + PEM_END.length());
        }
    }

    /** Three or more base64url parts joined by dots, the first starting with {@code eyJ} (a JSON header). */
    private void jwts() {
        for (int i = text.indexOf(JWT_START); i >= 0; i = text.indexOf(JWT_START, i + JWT_START.length())) {
            if (i > 0 && isBase64Url(text.charAt(i - 1))) {
                continue;
            }
            int end = base64UrlRun(i);
            int parts = 1;
            while (end + 1 < text.length() && text.charAt(end) == '.' && isBase64Url(text.charAt(end + 1))) {
                end = base64UrlRun(end + 1);
                parts++;
            }
            if (parts == 2 && end < text.length() && text.charAt(end) == '.') {
                end++; // an unsigned token ends with its dot
                parts++;
            }
            if (parts >= 3) {
                add(i, end);
                i = end - JWT_START.length();
            }
        }
    }

    /** {@code Bearer <token>}: the token, of any length (an error may cut it short). */
    private void bearerTokens() {
        int last = text.length() - BEARER.length();
        for (int i = 0; i < last; i++) {
            char c = text.charAt(i);
            if ((c != 'b' && c != 'B') || !text.regionMatches(true, i, BEARER, 0, BEARER.length())
                    || (i > 0 && isKeyChar(text.charAt(i - 1)))) {
                continue;
            }
            int start = i + BEARER.length();
            int tokenStart = start;
            while (tokenStart < text.length() && Character.isWhitespace(text.charAt(tokenStart))) {
                tokenStart++;
            }
            int end = tokenStart;
            while (end < text.length() && isBearerChar(text.charAt(end))) {
                end++;
            }
            if (tokenStart > start && end > tokenStart) {
                add(tokenStart, end);
            }
            i = Math.max(i, Math.min(end, tokenStart) - 1);
        }
    }

    /** The password of {@code scheme://user:password@host}. */
    private void urlPasswords() {
        for (int at = text.indexOf("://"); at >= 0; at = text.indexOf("://", at + 3)) {
            int scheme = at;
            while (scheme > 0 && at - scheme < KEY_MAX && isSchemeChar(text.charAt(scheme - 1))) {
                scheme--;
            }
            if (scheme == at || !Character.isLetter(text.charAt(scheme))
                    || (scheme > 0 && isSchemeChar(text.charAt(scheme - 1)))) {
                continue;
            }
            int colon = at + 3;
            while (colon < text.length() && "/?#@[]:".indexOf(text.charAt(colon)) < 0
                    && !Character.isWhitespace(text.charAt(colon))) {
                colon++;
            }
            if (colon >= text.length() || text.charAt(colon) != ':') {
                continue;
            }
            int end = colon + 1;
            while (end < text.length() && "/?#@".indexOf(text.charAt(end)) < 0
                    && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            if (end < text.length() && text.charAt(end) == '@') {
                add(colon + 1, end);
            }
        }
    }

    /** {@code "key": value} where the key names a credential, and credential HTTP headers ({@code Name: value}). */
    private void colonPairs() {
        for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
            int keyEnd = skipBlanksBack(colon);
            if (keyEnd > 0 && text.charAt(keyEnd - 1) == '"') {
                jsonMember(keyEnd - 1, colon);
            } else {
                header(keyEnd, colon);
            }
        }
    }

    private void jsonMember(int closingQuote, int colon) {
        int open = closingQuote - 1;
        while (open >= 0 && closingQuote - open <= KEY_MAX && text.charAt(open) != '"' && isJsonKeyChar(text.charAt(open))) {
            open--;
        }
        if (open < 0 || text.charAt(open) != '"' || open + 1 == closingQuote
                || !CredentialMasking.isCredentialKeyInText(text.substring(open + 1, closingQuote))) {
            return;
        }
        int value = skipBlanks(colon + 1);
        if (value < text.length() && text.charAt(value) == '"') {
            int end = value + 1;
            while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\n'
                    && text.charAt(end) != '\r') {
                end += text.charAt(end) == '\\' && end + 1 < text.length() ? 2 : 1;
            }
            add(value + 1, Math.min(end, text.length()));
            return;
        }
        int end = value;
        while (end < text.length() && ",}]\"".indexOf(text.charAt(end)) < 0 && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        add(value, end);
    }

    private void header(int nameEnd, int colon) {
        int start = nameEnd;
        while (start > 0 && nameEnd - start < KEY_MAX && isHeaderChar(text.charAt(start - 1))) {
            start--;
        }
        int length = nameEnd - start;
        if (length < SHORTEST_HEADER || length > LONGEST_HEADER || (start > 0 && isKeyChar(text.charAt(start - 1)))
                || !CREDENTIAL_HEADERS.contains(text.substring(start, nameEnd).toLowerCase(Locale.ROOT))) {
            return;
        }
        int value = skipBlanks(colon + 1);
        int end = value;
        while (end < text.length() && "\r\n\"".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        add(value, end);
    }

    /**
     * {@code key=value} where the key names a credential. The value runs to the next {@code ;}, {@code &}, quote or
     * line end (spaces included: a connection string's password may hold spaces), or is quoted ({@code "…"},
     * {@code '…'}, {@code {…}}), in which case only the inside is masked.
     */
    private void equalsPairs() {
        int from = 0;
        for (int eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', from)) {
            from = eq + 1;
            int keyEnd = skipBlanksBack(eq);
            int start = keyEnd;
            while (start > 0 && keyEnd - start < KEY_MAX && isKeyChar(text.charAt(start - 1))) {
                start--;
            }
            if (start == keyEnd || (start > 0 && isKeyChar(text.charAt(start - 1)))
                    || !(Character.isLetter(text.charAt(start)) || text.charAt(start) == '_')
                    || !CredentialMasking.isCredentialKeyInText(text.substring(start, keyEnd))) {
                continue;
            }
            int value = skipBlanks(eq + 1);
            char first = value < text.length() ? text.charAt(value) : 0;
            char close = first == '"' ? '"' : first == '\'' ? '\'' : first == '{' ? '}' : 0;
            int end = close == 0 ? value : value + 1;
            while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n'
                    && (close != 0 ? text.charAt(end) != close : ";&\"'".indexOf(text.charAt(end)) < 0)) {
                end++;
            }
            add(close == 0 ? value : value + 1, end);
            from = Math.max(from, end);
        }
    }

    private int skipBlanks(int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The index just after the last non-blank character before {@code i}. */
    private int skipBlanksBack(int i) {
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
            i--;
        }
        return i;
    }

    private int base64UrlRun(int i) {
        while (i < text.length() && isBase64Url(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isBase64Url(char c) {
        return isAsciiAlnum(c) || c == '-' || c == '_';
    }

    /**
     * Characters taken as part of a bearer token: wider than RFC 6750's b64token on purpose (a malformed or
     * foreign-format token is still a credential), up to white space or a character that closes the value it sits
     * in (a quote, a separator, a bracket).
     */
    private static boolean isBearerChar(char c) {
        return !Character.isWhitespace(c) && "\"',;)]}>".indexOf(c) < 0;
    }

    private static boolean isKeyChar(char c) {
        return isAsciiAlnum(c) || c == '_' || c == '.' || c == '-';
    }

    private static boolean isHeaderChar(char c) {
        return isAsciiAlnum(c) || c == '-';
    }

    private static boolean isJsonKeyChar(char c) {
        return isKeyChar(c) || c == ' ';
    }

    private static boolean isSchemeChar(char c) {
        return isAsciiAlnum(c) || c == '+' || c == '.' || c == '-';
    }
}
