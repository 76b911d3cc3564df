package dev.idle.provider.support.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Signs a compact JWT with RS256 using only the JDK, for OAuth client assertions (RFC 7523): the one JWT signer of
 * the toolkit (Okta {@code private_key_jwt}, Google service accounts). Callers build the header and claims and word
 * the error; the exceptions are passed on so they can name the key file without its content. Stateless and
 * thread-safe.
 */
public final class Rs256Jwt {
    private Rs256Jwt() {
    }

    /** An RSA private key from the base64 of its PKCS#8 DER (a PEM body without armor lines and whitespace). */
    public static PrivateKey rsaPrivateKey(String pkcs8Base64) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(pkcs8Base64)));
    }

    /**
     * An RSA private key from a PKCS#8 PEM text ({@code -----BEGIN PRIVATE KEY-----} ... ); armor lines and
     * whitespace are dropped.
     */
    public static PrivateKey rsaPrivateKeyFromPem(String pem) throws GeneralSecurityException {
        return rsaPrivateKey(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    /** {@code base64url(header).base64url(claims).base64url(signature)}. */
    public static String sign(ObjectMapper json, ObjectNode header, ObjectNode claims, PrivateKey key)
            throws IOException, GeneralSecurityException {
        String signingInput = base64Url(json.writeValueAsBytes(header)) + "."
                + base64Url(json.writeValueAsBytes(claims));
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(key);
        sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64Url(sig.sign());
    }

    /** Base64url without padding, as JWTs use. */
    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
