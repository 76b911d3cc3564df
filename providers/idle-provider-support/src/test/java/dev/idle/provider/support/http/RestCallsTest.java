package dev.idle.provider.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestCallsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final ObjectMapper json = new ObjectMapper();

    private static HttpHeaders retryAfter(String value) {
        return HttpHeaders.of(value == null ? Map.of() : Map.of("Retry-After", List.of(value)), (a, b) -> true);
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(new RetryAfter(CLOCK).from(retryAfter(" 5 "))).isEqualTo(Duration.ofSeconds(5));
        assertThat(new RetryAfter(CLOCK).from(retryAfter("-3"))).isEqualTo(Duration.ZERO);
        assertThat(new RetryAfter(CLOCK).from(retryAfter("Thu, 01 Jan 2026 00:00:10 GMT")))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(new RetryAfter(CLOCK).from(retryAfter("Wed, 31 Dec 2025 23:00:00 GMT"))).isEqualTo(Duration.ZERO);
        assertThat(new RetryAfter(CLOCK).from(retryAfter("soon"))).isNull();
        assertThat(new RetryAfter(CLOCK).from(retryAfter(null))).isNull();
    }

    @Test
    void unreadableBodiesParseToNull() {
        assertThat(RestCalls.parseOrNull(json, null)).isNull();
        assertThat(RestCalls.parseOrNull(json, new byte[0])).isNull();
        assertThat(RestCalls.parseOrNull(json, "<html>".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(RestCalls.parseOrNull(json, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)).path("a").asInt())
                .isEqualTo(1);
    }

    @Test
    void tokenAnswersThatAreNotJsonParseToAnEmptyObject() {
        assertThat(RestCalls.parseOrEmptyObject(json, "<html>".getBytes(StandardCharsets.UTF_8)).isObject()).isTrue();
        assertThat(RestCalls.parseOrEmptyObject(json, "{\"access_token\":\"t\"}".getBytes(StandardCharsets.UTF_8))
                .path("access_token").asText()).isEqualTo("t");
    }

    @Test
    void rs256JwtVerifiesWithThePublicKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String pkcs8 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        ObjectNode header = json.createObjectNode().put("alg", "RS256");
        ObjectNode claims = json.createObjectNode().put("iss", "me");
        String jwt = Rs256Jwt.sign(json, header, claims, Rs256Jwt.rsaPrivateKey(pkcs8));
        String[] parts = jwt.split("\\.");
        assertThat(json.readTree(Base64.getUrlDecoder().decode(parts[1])).path("iss").asText()).isEqualTo("me");
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(pair.getPublic());
        verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }
}
