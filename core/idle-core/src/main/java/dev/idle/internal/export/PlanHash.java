package dev.idle.internal.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * {@code planHash}: lower-case hex SHA-256 of the RFC 8785 (JCS) canonical JSON of the export without
 * {@code planHash}. Whitespace and key order do not change it; any changed value does.
 */
public final class PlanHash {
    private PlanHash() {
    }

    public static String of(Map<String, ?> document) {
        Map<String, Object> copy = new LinkedHashMap<>(document);
        copy.remove("planHash");
        return ofJson(JsonText.compact(copy));
    }

    /** The hash of a JSON text (which must not contain {@code planHash}). */
    public static String ofJson(String json) {
        try {
            byte[] canonical = new JsonCanonicalizer(json).getEncodedUTF8();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException e) {
            throw new UncheckedIOException("plan export is not valid JSON", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

}
