package dev.idle.cli.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.cli.IdleCli;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphSimulatorCommandTest {
    @TempDir
    Path tmp;

    @Test
    void graphSimulatorCommandServesTheSeedAndPrintsTheRequestLogWithoutSecrets() throws Exception {
        Path seed = tmp.resolve("seed.yaml");
        Files.writeString(seed, String.join("\n",
                "apps:",
                "  - tenantId: contoso",
                "    clientId: idle-app",
                "    clientSecret: very-secret-value",
                "users:",
                "  - userPrincipalName: o'brien@contoso.com",
                "    displayName: Pat O'Brien",
                "    sessions: 2",
                "groups:",
                "  - displayName: Sales",
                "    members: [o'brien@contoso.com]",
                ""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(IdleCli.execute(new String[] {"graph-simulator", "--seed", seed.toString(),
                "--dir", tmp.resolve("tls").toString(), "--stop-after", "20s"},
                new PrintWriter(out, true), new PrintWriter(err, true))));
        t.start();
        Pattern url = Pattern.compile("Graph base URL:\\s+(\\S+)");
        Pattern pw = Pattern.compile("Trust store password:\\s+(\\S+)");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!pw.matcher(out.toString()).find() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Matcher m = url.matcher(out.toString());
        assertThat(m.find()).as(out + err.toString()).isTrue();
        URI base = URI.create(m.group(1));
        Matcher p = pw.matcher(out.toString());
        assertThat(p.find()).isTrue();
        assertThat(out.toString()).contains("Trust store:     " + tmp.resolve("tls").resolve("truststore.p12"));

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tmp.resolve("tls").resolve("truststore.p12"))) {
            ks.load(in, p.group(1).toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(ctx).build();
        String form = "grant_type=client_credentials&client_id=idle-app&client_secret=very-secret-value&scope="
                + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
        HttpResponse<String> tok = http.send(HttpRequest.newBuilder(base.resolve("/contoso/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tok.statusCode()).isEqualTo(200);
        String token = tok.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> users = http.send(HttpRequest.newBuilder(URI.create(base + "/users?$filter="
                        + URLEncoder.encode("userPrincipalName eq 'o''brien@contoso.com'", StandardCharsets.UTF_8)
                        .replace("+", "%20")))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains("o'brien@contoso.com");
        t.join(60_000);

        assertThat(exit.get()).isZero();
        assertThat(out.toString())
                .contains("POST /contoso/oauth2/v2.0/token -> 200")
                .contains("GET /v1.0/users?$filter=userPrincipalName eq 'o''brien@contoso.com' -> 200")
                .doesNotContain("very-secret-value")
                .doesNotContain(token);
    }
}
