package dev.idle.provider.ad;

import dev.idle.spi.Secret;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates initial passwords: at least one character of each required class, filled to the length with characters
 * of the required classes, then shuffled, all with a CSPRNG. A readable domain policy can raise the length (never
 * lower it below the configured minimum) and, when complexity is on, turns every class on.
 */
final class PasswordGenerator {
    static final String DEFAULT_SPECIALS = "!@#$%&*+-_=?";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";

    /** The rules in force for one generation. */
    record Rules(int minLength, boolean upper, boolean lower, boolean digit, boolean special, String specials) {
    }

    /** A generated password and where its rules came from ({@code DomainPolicy} or {@code Fallback}). */
    record Generated(Secret password, String policyUsed) {
    }

    private final SecureRandom random;

    PasswordGenerator(SecureRandom random) {
        this.random = random;
    }

    /**
     * @param fallback        the configured rules
     * @param policyMinLength the domain's {@code minPwdLength}, or null when the policy could not be read
     * @param policyComplex   whether the domain demands complexity (ignored when the policy was not read)
     */
    Generated generate(Rules fallback, Integer policyMinLength, boolean policyComplex) {
        int min = fallback.minLength();
        boolean upper = fallback.upper();
        boolean lower = fallback.lower();
        boolean digit = fallback.digit();
        boolean special = fallback.special();
        String specials = fallback.specials() == null || fallback.specials().isBlank() ? DEFAULT_SPECIALS
                : fallback.specials();
        String used = "Fallback";
        if (policyMinLength != null) {
            used = "DomainPolicy";
            if (policyMinLength > 0) {
                min = Math.max(policyMinLength, min);
            }
            if (policyComplex) {
                upper = lower = digit = special = true;
            }
        }
        min = Math.max(min, 8);
        List<String> classes = new ArrayList<>();
        if (upper) {
            classes.add(UPPER);
        }
        if (lower) {
            classes.add(LOWER);
        }
        if (digit) {
            classes.add(DIGITS);
        }
        if (special) {
            classes.add(specials);
        }
        List<Character> chars = new ArrayList<>();
        for (String c : classes) {
            chars.add(pick(c));
        }
        String pool = classes.isEmpty() ? UPPER + LOWER + DIGITS + specials : String.join("", classes);
        while (chars.size() < min) {
            chars.add(pick(pool));
        }
        for (int i = chars.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Character t = chars.get(i);
            chars.set(i, chars.get(j));
            chars.set(j, t);
        }
        StringBuilder sb = new StringBuilder(chars.size());
        chars.forEach(sb::append);
        Secret secret = Secret.of(sb.toString());
        sb.setLength(0);
        return new Generated(secret, used);
    }

    private char pick(String from) {
        return from.charAt(random.nextInt(from.length()));
    }
}
