package dev.idle.simsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Checks the signature of a client's JWT assertion, as the simulated token endpoints (Okta, Google) must. */
public final class JwtSignatures {
    private JwtSignatures() {
    }

    /**
     * True when {@code parts} (a compact JWT split at its dots) carries a valid RS256 (SHA256withRSA) signature by
     * {@code key}; false for a bad signature or anything malformed, never an exception.
     */
    public static boolean rs256Valid(PublicKey key, String[] parts) {
        if (parts.length != 3) {
            return false;
        }
        try {
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initVerify(key);
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return sig.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
