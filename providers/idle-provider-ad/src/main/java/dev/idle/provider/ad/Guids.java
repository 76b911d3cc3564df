package dev.idle.provider.ad;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GUID keys as .NET's {@code Guid.TryParse} accepts them ({@code D}, {@code N}, {@code B}, {@code P}, {@code X}
 * formats) and AD's {@code objectGUID} byte order (the first three fields little-endian).
 */
final class Guids {
    private static final Pattern D = Pattern.compile(
            "([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})");
    private static final Pattern N = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern X = Pattern.compile(
            "\\{\\s*0x([0-9a-fA-F]{1,8})\\s*,\\s*0x([0-9a-fA-F]{1,4})\\s*,\\s*0x([0-9a-fA-F]{1,4})\\s*,\\s*\\{"
                    + "((?:\\s*0x[0-9a-fA-F]{1,2}\\s*,){7}\\s*0x[0-9a-fA-F]{1,2}\\s*)\\}\\s*\\}");

    private Guids() {
    }

    /** The GUID {@code key} denotes, or null when it is not a GUID in any accepted format. */
    static UUID parse(String key) {
        if (key == null) {
            return null;
        }
        String s = key.trim();
        if ((s.startsWith("{") && s.endsWith("}") && !s.startsWith("{0x") && !s.startsWith("{ "))
                || (s.startsWith("(") && s.endsWith(")"))) {
            String inner = s.substring(1, s.length() - 1);
            return D.matcher(inner).matches() ? UUID.fromString(inner) : null;
        }
        if (D.matcher(s).matches()) {
            return UUID.fromString(s);
        }
        if (N.matcher(s).matches()) {
            return UUID.fromString(s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
                    + s.substring(16, 20) + "-" + s.substring(20));
        }
        Matcher m = X.matcher(s);
        if (m.matches()) {
            StringBuilder hex = new StringBuilder();
            hex.append(pad(m.group(1), 8)).append(pad(m.group(2), 4)).append(pad(m.group(3), 4));
            for (String b : m.group(4).split(",")) {
                hex.append(pad(b.trim().substring(2), 2));
            }
            return parse(hex.toString());
        }
        return null;
    }

    private static String pad(String hex, int width) {
        return "0".repeat(width - hex.length()) + hex;
    }

    /** The 16 bytes AD stores in {@code objectGUID} for {@code guid}. */
    static byte[] toObjectGuid(UUID guid) {
        byte[] be = new byte[16];
        long hi = guid.getMostSignificantBits();
        long lo = guid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            be[i] = (byte) (hi >>> (56 - 8 * i));
            be[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return swapLeadingFields(be);
    }

    /**
     * objectGUID stores the first three GUID fields little-endian and the rest as written; reversing them turns the
     * big-endian form into the stored one and back (the swap is its own inverse).
     */
    private static byte[] swapLeadingFields(byte[] b) {
        byte[] out = b.clone();
        out[0] = b[3];
        out[1] = b[2];
        out[2] = b[1];
        out[3] = b[0];
        out[4] = b[5];
        out[5] = b[4];
        out[6] = b[7];
        out[7] = b[6];
        return out;
    }

    /** The GUID string (lower case, {@code D} format) of an {@code objectGUID} value. */
    static String fromObjectGuid(byte[] b) {
        if (b == null || b.length != 16) {
            return null;
        }
        byte[] be = swapLeadingFields(b);
        StringBuilder hex = new StringBuilder();
        for (byte x : be) {
            hex.append(String.format(Locale.ROOT, "%02x", x));
        }
        return parse(hex.toString()).toString();
    }
}
