package dev.idle.graphsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real azure-identity / MSAL client-credentials path against the simulator's https authority. */
class AzureIdentityTokenTest {
    static final String TENANT = "72f988bf-0000-0000-0000-000000000001";
    static final String CLIENT = "0b1c2d3e-0000-0000-0000-0000000000aa";
    static final String SECRET = "az-secret-value-123";

    GraphSimulator sim;

    @BeforeEach
    void start() {
        sim = GraphSimulator.builder().build().start();
        sim.registerApp(TENANT, CLIENT, SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private ClientSecretCredential credential(String secret) {
        HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                .sslContext(sim.clientSslContext())).build();
        return new ClientSecretCredentialBuilder()
                .tenantId(TENANT).clientId(CLIENT).clientSecret(secret)
                .authorityHost(sim.authorityHost().toString())
                .disableInstanceDiscovery()
                .httpClient(http)
                .build();
    }

    @Test
    void azureIdentityClientSecretCredentialGetsATokenThatGraphAccepts() {
        AccessToken token = credential(SECRET).getTokenSync(
                new TokenRequestContext().addScopes("https://graph.microsoft.com/.default"));
        assertThat(token.getToken()).isNotBlank();
        String id = sim.addUser(Map.of("userPrincipalName", "jdoe@contoso.com"));
        SimClient client = new SimClient(sim);
        client.token = token.getToken();
        assertThat(client.get("/users/" + id).status()).isEqualTo(200);
        assertThat(sim.requestLogLines()).contains("POST /" + TENANT + "/oauth2/v2.0/token -> 200");
    }

    @Test
    void azureIdentityWithAWrongSecretFailsWithInvalidClient() {
        assertThatThrownBy(() -> credential("wrong-secret").getTokenSync(
                new TokenRequestContext().addScopes("https://graph.microsoft.com/.default")))
                .hasMessageContaining("AADSTS7000215")
                .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain("wrong-secret"));
    }
}
