package dev.idle.spi;

import static dev.idle.spi.CredentialMasking.mask;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Value-based detection: text that looks like a credential is masked inside longer text, and nothing else is. */
class CredentialMaskingTest {
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqZG9lIiwiYWRtIjp0cnVlfQ.c2lnbmF0dXJlLXNpZw";

    @Test
    void bearerTokenInsideAMessageIsMasked() {
        assertThat(mask("401 from https://graph.example/v1/users: sent 'Bearer abc123.DEF-456_x~y+z/=' and was refused"))
                .isEqualTo("401 from https://graph.example/v1/users: sent 'Bearer [REDACTED]' and was refused");
    }

    @Test
    void bearerTokenWithCharactersOutsideTheRfcAlphabetIsMaskedWhole() {
        assertThat(mask("Note: Bearer *#j7IkcdLGLDuz7-ePq, then more")).isEqualTo("Note: Bearer [REDACTED], then more");
        assertThat(mask("{\"h\":\"Bearer !aaaaaaaaaa0\"}")).isEqualTo("{\"h\":\"Bearer [REDACTED]\"}");
    }

    @Test
    void jwtInsideALongerStringIsMasked() {
        assertThat(mask("token for jdoe: " + JWT + ", expires in 3600 s"))
                .isEqualTo("token for jdoe: [REDACTED], expires in 3600 s");
        assertThat(mask("id=" + JWT)).doesNotContain("eyJ");
    }

    @Test
    void privateKeyBlockIsMasked() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nq8Xk2==\n-----END RSA PRIVATE KEY-----";

        assertThat(mask("loaded key " + key + " from vault"))
                .isEqualTo("loaded key -----BEGIN RSA PRIVATE KEY-----[REDACTED]-----END RSA PRIVATE KEY----- from vault");
        assertThat(mask("cut off: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq"))
                .as("a block without its END line is masked to the end")
                .isEqualTo("cut off: -----BEGIN PRIVATE KEY-----[REDACTED]");
        assertThat(mask("-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----"))
                .as("a certificate is public").contains("MIIC");
    }

    @Test
    void connectionStringPasswordIsMasked() {
        assertThat(mask("Server=db1;Database=hr;User Id=app;Password=S3cr3t pass!;Encrypt=true"))
                .isEqualTo("Server=db1;Database=hr;User Id=app;Password=[REDACTED];Encrypt=true");
        assertThat(mask("Driver={ODBC};Uid=app;Pwd={p;w};")).isEqualTo("Driver={ODBC};Uid=app;Pwd={[REDACTED]};");
        assertThat(mask("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a1b2+c3==;EndpointSuffix=core"))
                .isEqualTo("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=[REDACTED];EndpointSuffix=core");
        assertThat(mask("Endpoint=sb://ns.example/;SharedAccessKeyName=Root;SharedAccessKey=k3y="))
                .isEqualTo("Endpoint=sb://ns.example/;SharedAccessKeyName=Root;SharedAccessKey=[REDACTED]");
        assertThat(mask("login failed with 'Password=\"quoted;value\"' for app"))
                .isEqualTo("login failed with 'Password=\"[REDACTED]\"' for app");
    }

    @Test
    void urlUserInfoPasswordIsMasked() {
        assertThat(mask("cannot reach ldaps://svc-idle:hunter22@dc1.example.com:636/ (timeout)"))
                .isEqualTo("cannot reach ldaps://svc-idle:[REDACTED]@dc1.example.com:636/ (timeout)");
        assertThat(mask("see https://example.com:8443/path?q=1")).isEqualTo("see https://example.com:8443/path?q=1");
    }

    @Test
    void credentialHeadersFormFieldsAndJsonMembersAreMasked() {
        assertThat(mask("request headers: Authorization: Basic dXNlcjpwYXNz\nAccept: application/json"))
                .isEqualTo("request headers: Authorization: [REDACTED]\nAccept: application/json");
        assertThat(mask("X-Api-Key: k-12345")).isEqualTo("X-Api-Key: [REDACTED]");
        assertThat(mask("body client_secret=s3cr3t&grant_type=client_credentials"))
                .isEqualTo("body client_secret=[REDACTED]&grant_type=client_credentials");
        assertThat(mask("{\"client_secret\": \"s3\\\"cr3t\", \"tokenCount\": 3, \"pin\": 4711}"))
                .isEqualTo("{\"client_secret\": \"[REDACTED]\", \"tokenCount\": 3, \"pin\": [REDACTED]}");
    }

    @Test
    void keysFollowTheKeyRuleInsideTextToo() {
        assertThat(mask("TemporaryPassword=Init-1 passwordHint=pet tokenCount=5"))
                .as("a key-value pair's value runs to the next ';', '&', quote or line end")
                .isEqualTo("TemporaryPassword=[REDACTED]");
        assertThat(mask("passwordHint=pet; tokenCount=5; pinned=true; TemporaryPassword=Init-1"))
                .isEqualTo("passwordHint=pet; tokenCount=5; pinned=true; TemporaryPassword=[REDACTED]");
        assertThat(CredentialMasking.isSecretNamedKey("TemporaryPassword")).isTrue();
        assertThat(CredentialMasking.isSecretNamedKey("passwordHint")).isFalse();
        assertThat(CredentialMasking.isSecretNamedKey("tokenCount")).isFalse();
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        for (String text : List.of("Step 'Create account' failed (attempt 1/3): throttled.",
                "mailboxType=User; Department=IT", "Plan execution finished (status: Completed).",
                "Identity 'jdoe' was not found in the mock provider.", "eyJ alone is not a token", "a = b",
                "Token: see the docs", "x".repeat(100))) {
            assertThat(mask(text)).as(text).isEqualTo(text);
            assertThat(CredentialMasking.containsCredential(text)).as(text).isFalse();
        }
    }

    @Test
    void maskedTextMasksToItself() {
        for (String text : List.of("Authorization: Bearer " + JWT, "Password=abc def;x=1", "https://u:p@h/",
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----", "{\"token\":\"t-1\"}")) {
            String once = mask(text);
            assertThat(mask(once)).as(text).isEqualTo(once);
            assertThat(CredentialMasking.containsCredential(once)).as(once).isFalse();
        }
    }

    /**
     * Every pattern is linear: a megabyte of text built to make a backtracking matcher go quadratic (or worse) is
     * masked as expected. A catastrophic pattern would keep this test busy for hours instead of milliseconds.
     */
    @Test
    void aMegabyteOfAdversarialTextIsMaskedWithoutBacktracking() {
        int mb = 1 << 20;
        assertThat(mask("a=".repeat(mb / 2))).isEqualTo("a=".repeat(mb / 2));
        assertThat(mask("eyJ".repeat(mb / 3))).isEqualTo("eyJ".repeat(mb / 3));
        assertThat(mask("eyJa.".repeat(mb / 5))).doesNotContain("eyJa.eyJa.eyJa");
        assertThat(mask("bearer ".repeat(mb / 7))).startsWith("bearer [REDACTED] ");
        assertThat(mask("-----BEGIN X-----".repeat(mb / 17))).hasSize(mb / 17 * 17);
        assertThat(mask("x://u:".repeat(mb / 6))).isEqualTo("x://u:".repeat(mb / 6));
        assertThat(mask("\"a\":".repeat(mb / 4))).isEqualTo("\"a\":".repeat(mb / 4));
        assertThat(mask("\"pwd\": \"" + "\\\"".repeat(mb / 2))).startsWith("\"pwd\": ");
        assertThat(mask("Password=" + "x ".repeat(mb / 2))).isEqualTo("Password=[REDACTED]");
        assertThat(mask("Authorization: " + "y".repeat(mb))).isEqualTo("Authorization: [REDACTED]");
        assertThat(mask("-----BEGIN PRIVATE KEY-----" + "z".repeat(mb))).endsWith("-----[REDACTED]");
        assertThat(mask(("k" + "v".repeat(70) + "=").repeat(mb / 72))).doesNotContain(CredentialMasking.MARKER);
    }
}
