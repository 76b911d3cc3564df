package dev.idle.internal.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final List<String> SECRET_KEYS = List.of("password", "passphrase", "secret", "token", "apikey",
            "clientSecret", "accessToken", "refreshToken", "credential", "privateKey", "AccountPassword",
            "AccountPasswordAsPlainText", "GeneratedAccountPasswordPlainText", "GeneratedAccountPasswordProtected");

    @Test
    void everySecretKeyIsRedactedInAnyCaseWhateverItsValue() {
        for (String key : SECRET_KEYS) {
            for (String spelled : List.of(key, key.toUpperCase(), key.toLowerCase())) {
                DataMap in = new DataMap();
                in.put(spelled, spelled.equals(key) ? null : DataMap.of("nested", "x"));
                assertThat(Redactor.redactMap(in)).as(spelled).containsEntry(spelled, Redactor.MARKER);
            }
        }
    }

    @Test
    void keysThatOnlyContainASecretWordAreKept() {
        DataMap in = DataMap.of("tokenize", "b", "passwords", "c", "secretName", "d", "PasswordProfileVersion", "e");
        assertThat(Redactor.redactMap(in)).isEqualTo(in);
    }

    @Test
    void secretKeysAreRedactedAtAnyDepthIncludingInsideLists() {
        DataMap in = DataMap.of("Users", List.of(DataMap.of("Name", "a", "Password", "p1")));
        DataMap out = Redactor.redactMap(in);
        assertThat(out.get("Users")).isEqualTo(List.of(DataMap.of("Name", "a", "Password", Redactor.MARKER)));
    }

    @Test
    void secretSessionAndExecutableValuesAreRedactedAnywhere() {
        AuthSession session = AuthSession.of("Graph", "OAuth", null, Secret.of("s"));
        DataMap in = DataMap.of("Pw", Secret.of("s"), "Session", session, "Code", new ExecutableValue("rm -rf"),
                "List", List.of("ok", Secret.of("s"), List.of(new ExecutableValue("x"))));
        DataMap out = Redactor.redactMap(in);
        assertThat(out).containsEntry("Pw", Redactor.MARKER).containsEntry("Session", Redactor.MARKER)
                .containsEntry("Code", Redactor.MARKER)
                .containsEntry("List", List.of("ok", Redactor.MARKER, List.of(Redactor.MARKER)));
        assertThat(Redactor.redact(Secret.of("s"))).isEqualTo(Redactor.MARKER);
    }

    @Test
    void primitivesAreUnchanged() {
        DataMap in = DataMap.of("I", 1, "B", true, "D", 1.5, "S", "x", "N", null);
        assertThat(Redactor.redactMap(in)).isEqualTo(in);
        assertThat(Redactor.redact(42)).isEqualTo(42);
        assertThat(Redactor.redact(null)).isNull();
    }

    @Test
    void mapKeysAreSortedCaseInsensitively() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("zeta", 1);
        in.put("Alpha", 2);
        in.put("beta", 3);
        in.put("Gamma", 4);
        assertThat(Redactor.redactMap(new DataMap(in)).keySet()).containsExactly("Alpha", "beta", "Gamma", "zeta");
        Map<String, Object> plain = new HashMap<>(in);
        assertThat(((DataMap) Redactor.redact(plain)).keySet()).containsExactly("Alpha", "beta", "Gamma", "zeta");
    }

    @Test
    void trueCyclesAreRedacted() {
        DataMap a = new DataMap();
        List<Object> list = new ArrayList<>();
        a.put("Self", a);
        a.put("List", list);
        list.add(list);
        DataMap out = Redactor.redactMap(a);
        assertThat(out.get("Self")).isEqualTo(Redactor.MARKER);
        assertThat(out.get("List")).isEqualTo(List.of(Redactor.MARKER));
    }

    @Test
    void sharedNonCyclicSubObjectsAreCopiedEachTime() {
        DataMap shared = DataMap.of("Id", "g1");
        List<Object> sharedList = List.of("x");
        DataMap in = DataMap.of("A", shared, "B", shared, "C", List.of(shared, sharedList, sharedList));
        DataMap out = Redactor.redactMap(in);
        assertThat(out.get("A")).isEqualTo(shared).isNotSameAs(shared);
        assertThat(out.get("B")).isEqualTo(shared).isNotSameAs(out.get("A"));
        assertThat(out.get("C")).isEqualTo(List.of(shared, sharedList, sharedList));
    }

    @Test
    void inputIsNeverMutated() {
        DataMap nested = DataMap.of("token", "t", "z", 1, "a", 2);
        List<Object> list = new ArrayList<>(List.of(Secret.of("s"), nested));
        DataMap in = DataMap.of("password", "p", "List", list, "Nested", nested);
        DataMap out = Redactor.redactMap(in);
        assertThat(in.get("password")).isEqualTo("p");
        assertThat(nested.get("token")).isEqualTo("t");
        assertThat(nested.keySet()).containsExactly("token", "z", "a");
        assertThat(list.get(0)).isInstanceOf(Secret.class);
        assertThat(out).isNotSameAs(in);
        assertThat(out.get("List")).isNotSameAs(list);
    }

    @Test
    void isSecretKeyIsExactAndCaseInsensitive() {
        assertThat(Redactor.isSecretKey("CLIENTSECRET")).isTrue();
        assertThat(Redactor.isSecretKey("clientSecretValue")).isFalse();
    }

    @Test
    void keysEndingInASecretWordAreRedactedInOutputButNotWordsThatMerelyContainOne() {
        DataMap in = DataMap.of("TemporaryPassword", "Initial-1!", "bearerToken", "abc", "forceChangePasswordNextSignIn",
                true, "tokenize", "yes");

        DataMap out = Redactor.redactMap(in);

        assertThat(out.get("TemporaryPassword")).isEqualTo(Redactor.MARKER);
        assertThat(out.get("bearerToken")).isEqualTo(Redactor.MARKER);
        assertThat(out.get("forceChangePasswordNextSignIn")).isEqualTo(true);
        assertThat(out.get("tokenize")).isEqualTo("yes");
        assertThat(Redactor.isSecretKey("TemporaryPassword")).as("templates may still read it").isFalse();
    }
    @Test
    void keysEqualToOrEndingInAuthorizationApiKeyPwdPinOrCookieAreSecretNamedWithSeparatorsIgnored() {
        for (String key : List.of("Authorization", "ProxyAuthorization", "X-Api-Key", "ApiKey", "x_api_key",
                "api.key", "Pwd", "OldPwd", "Pin", "SimPin", "sim-pin", "Cookie", "SessionCookie", "session_cookie",
                "Temporary-Password", "client_secret")) {
            assertThat(Redactor.isSecretNamedKey(key)).as(key).isTrue();
        }
    }

    @Test
    void keysThatOnlyStartWithOrContainANewSecretWordStayVisible() {
        for (String key : List.of("passwordHint", "tokenCount", "pinned", "PinCode", "cookieDomain",
                "authorizationUrl", "apiKeyId", "pwdLastSet")) {
            assertThat(Redactor.isSecretNamedKey(key)).as(key).isFalse();
        }
    }

    @Test
    void keysEndingInASecretWordAreMaskedEvenWhenTheWordIsPartOfAnotherWord() {
        // The documented rule is "equal to or ending in": words that merely end in "pin" are masked too.
        for (String key : List.of("Spin", "Checkpin", "Hairpin")) {
            assertThat(Redactor.isSecretNamedKey(key)).as(key).isTrue();
        }
    }
}
