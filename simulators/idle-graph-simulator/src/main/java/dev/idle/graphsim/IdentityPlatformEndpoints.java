package dev.idle.graphsim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Microsoft identity platform endpoints a client-credentials client (MSAL, azure-identity) calls: the token
 * endpoint {@code POST /{tenant}/oauth2/v2.0/token} (client secret in the form or HTTP Basic, a {@code /.default}
 * scope), OIDC metadata, an empty key set and instance discovery. Errors use the AAD body ({@code error},
 * {@code error_description} with its {@code AADSTS} code, {@code error_codes}, {@code trace_id}, ...).
 */
final class IdentityPlatformEndpoints {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token/?");
    private static final Pattern OIDC_PATH = Pattern.compile("/([^/]+)/v2\\.0/\\.well-known/openid-configuration/?");
    private static final Pattern KEYS_PATH = Pattern.compile("/([^/]+)/discovery/v2\\.0/keys/?");
    private static final Pattern DISCOVERY_AUTHORITY = Pattern.compile("https://[^/]+/([^/]+)/.*");
    private static final DateTimeFormatter AAD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final GraphTenant tenant;

    IdentityPlatformEndpoints(GraphTenant tenant) {
        this.tenant = tenant;
    }

    GraphAnswer handle(Headers headers, String method, String rawPath, String rawQuery, byte[] body,
                       RequestContext ctx) {
        tenant.throttling.applyFault(method, rawPath);
        Matcher m = TOKEN_PATH.matcher(rawPath);
        if (m.matches()) {
            if (!method.equals("POST")) {
                return aadError(405, "invalid_request", 900561,
                        "The endpoint only accepts POST requests. Received a " + method + " request.", ctx);
            }
            return token(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8), headers,
                    new String(body, StandardCharsets.UTF_8), ctx);
        }
        m = OIDC_PATH.matcher(rawPath);
        if (m.matches() && method.equals("GET")) {
            return new GraphAnswer(200, openIdConfiguration(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8)));
        }
        m = KEYS_PATH.matcher(rawPath);
        if (m.matches() && method.equals("GET")) {
            ObjectNode keys = NODES.objectNode();
            keys.putArray("keys");
            return new GraphAnswer(200, keys);
        }
        if (rawPath.equals("/common/discovery/instance") && method.equals("GET")) {
            return new GraphAnswer(200, instanceDiscovery(GraphRequests.parseQuery(rawQuery)));
        }
        return aadError(404, "invalid_request", 90002, "Unknown endpoint " + rawPath + ".", ctx);
    }

    private GraphAnswer token(String tenantId, Headers headers, String form, RequestContext ctx) {
        Map<String, String> f;
        try {
            f = GraphRequests.parseQuery(form);
        } catch (GraphError e) {
            return aadError(400, "invalid_request", 900144, "The request body must be x-www-form-urlencoded.", ctx);
        }
        String clientId = f.get("client_id");
        String secret = f.get("client_secret");
        String basic = headers.getFirst("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                    secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return aadError(401, "invalid_client", 7000216, "Malformed Basic authorization header.", ctx);
            }
        }
        if (!"client_credentials".equals(f.get("grant_type"))) {
            return aadError(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + f.get("grant_type") + "'.", ctx);
        }
        if (clientId == null || clientId.isBlank()) {
            return aadError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.", ctx);
        }
        String scope = f.get("scope");
        boolean defaultScope = scope != null && Stream.of(scope.split(" ")).anyMatch(s -> s.endsWith("/.default"));
        synchronized (tenant.lock) {
            AppRegistry.App app = tenant.apps.find(clientId);
            boolean tenantKnown = tenant.apps.knowsTenant(tenantId);
            if (!tenantKnown) {
                return aadError(400, "invalid_request", 90002, "Tenant '" + tenantId + "' not found. Check to make sure "
                        + "you have the correct tenant ID and are signing into the correct cloud.", ctx);
            }
            if (app == null || !app.tenantId().equalsIgnoreCase(tenantId)) {
                return aadError(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                        + "' was not found in the directory '" + tenantId + "'. This can happen if the application has not "
                        + "been installed by the administrator of the tenant or consented to by any user in the tenant.", ctx);
            }
            ctx.app = app;
            if (f.containsKey("client_assertion")) {
                return aadError(401, "invalid_client", 700027,
                        "Client assertion failed signature validation (the simulator accepts client secrets only).", ctx);
            }
            if (secret == null) {
                return aadError(401, "invalid_client", 7000218, "The request body must contain the following "
                        + "parameter: 'client_assertion' or 'client_secret'.", ctx);
            }
            if (!AppRegistry.secretMatches(app, secret)) {
                return aadError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret "
                        + "being sent in the request is the client secret value, not the client secret ID, for a secret "
                        + "added to app '" + app.clientId() + "'.", ctx);
            }
            if (!defaultScope) {
                return aadError(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not "
                        + "valid. Client credential flows must have a scope value with /.default suffixed to the "
                        + "resource identifier (application ID URI).", ctx);
            }
            ObjectNode ok = NODES.objectNode();
            ok.put("token_type", "Bearer");
            long seconds = tenant.apps.tokenLifetime().toSeconds();
            ok.put("expires_in", seconds);
            ok.put("ext_expires_in", seconds);
            String resource = Stream.of(scope.split(" ")).filter(x -> x.endsWith("/.default")).findFirst()
                    .map(x -> x.substring(0, x.length() - "/.default".length())).orElse("");
            ok.put("access_token", tenant.apps.newToken(app, resource));
            GraphAnswer r = new GraphAnswer(200, ok);
            r.headers.put("Content-Type", "application/json; charset=utf-8");
            r.headers.put("Cache-Control", "no-store, no-cache");
            return r;
        }
    }

    private GraphAnswer aadError(int status, String error, int code, String description, RequestContext ctx) {
        Instant now = Instant.now();
        ObjectNode e = NODES.objectNode();
        e.put("error", error);
        e.put("error_description", "AADSTS" + code + ": " + description + "\r\nTrace ID: " + ctx.requestId
                + "\r\nCorrelation ID: " + ctx.clientRequestId + "\r\nTimestamp: " + AAD_TIME.format(now));
        e.putArray("error_codes").add(code);
        e.put("timestamp", AAD_TIME.format(now));
        e.put("trace_id", ctx.requestId);
        e.put("correlation_id", ctx.clientRequestId);
        e.put("error_uri", tenant.authorityHost() + "error?code=" + code);
        GraphAnswer r = new GraphAnswer(status, e);
        r.headers.put("Content-Type", "application/json; charset=utf-8");
        return r;
    }

    private ObjectNode openIdConfiguration(String tenantId) {
        String base = tenant.authorityHost() + tenantId;
        ObjectNode d = NODES.objectNode();
        d.put("token_endpoint", base + "/oauth2/v2.0/token");
        d.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt")
                .add("client_secret_basic");
        d.put("jwks_uri", base + "/discovery/v2.0/keys");
        d.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
        d.putArray("subject_types_supported").add("pairwise");
        d.putArray("id_token_signing_alg_values_supported").add("RS256");
        d.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
        d.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        d.put("issuer", base + "/v2.0");
        d.put("request_uri_parameter_supported", false);
        d.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        d.put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode");
        d.put("end_session_endpoint", base + "/oauth2/v2.0/logout");
        d.put("http_logout_supported", true);
        d.put("frontchannel_logout_supported", true);
        d.putArray("claims_supported").add("sub").add("iss").add("aud").add("exp").add("iat").add("tid");
        d.put("tenant_region_scope", "EU");
        d.put("cloud_instance_name", "microsoftonline.com");
        d.put("msgraph_host", "127.0.0.1:" + tenant.port());
        return d;
    }

    private ObjectNode instanceDiscovery(Map<String, String> q) {
        String authorize = q.getOrDefault("authorization_endpoint", tenant.authorityHost() + "common/oauth2/v2.0/authorize");
        String tenantId = "common";
        Matcher m = DISCOVERY_AUTHORITY.matcher(authorize);
        if (m.matches()) {
            tenantId = m.group(1);
        }
        String hostPort = "127.0.0.1:" + tenant.port();
        ObjectNode d = NODES.objectNode();
        d.put("tenant_discovery_endpoint", tenant.authorityHost() + tenantId + "/v2.0/.well-known/openid-configuration");
        d.put("api-version", "1.1");
        ObjectNode md = d.putArray("metadata").addObject();
        md.put("preferred_network", hostPort);
        md.put("preferred_cache", hostPort);
        md.putArray("aliases").add(hostPort);
        return d;
    }
}
