package dev.idle.internal;

/**
 * Shortens user text quoted in error messages, so that one message about a huge input stays small: a message per
 * placeholder that quoted its whole 1 MiB template made validation's error list grow quadratically with the input.
 */
public final class Excerpt {

    /** Text up to this length is quoted whole, so messages about ordinary input stay exactly as they were. */
    static final int MAX_QUOTED = 200;

    private Excerpt() {
    }

    /** {@code text} itself when short; else its first 120 characters, "…" and its total length. */
    public static String of(String text) {
        if (text == null || text.length() <= MAX_QUOTED) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(119)) ? 119 : 120;
        return text.substring(0, end) + "… (" + text.length() + " characters)";
    }
}
