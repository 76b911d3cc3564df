package dev.idle.provider.microsoft;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import dev.idle.api.data.DataMap;
import dev.idle.spi.ProviderException;
import dev.idle.spi.RootCause;
import dev.idle.spi.Secret;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * The azure-identity credentials of the Microsoft providers ({@code entraid}, {@code exchangeonline}), built from an
 * auth session of type {@code ClientSecret}, {@code ClientCertificate}, {@code ManagedIdentity},
 * {@code WorkloadIdentity} or {@code DefaultChain}, and the redaction of the errors they throw. Every credential talks
 * to the authority over the given HTTP client (so the provider's trust store applies), with instance discovery off.
 *
 * <p>The host-file side of these sessions (the {@code auth} option, the trust store) is parsed by
 * {@link MicrosoftIdentityOptions}. Both live in this module, not in idle-core, because they are provider helpers and
 * this one needs the Azure SDK, which idle-core does not depend on.
 */
public final class AzureCredentials {
    private AzureCredentials() {
    }

    /**
     * The credential of a session of the canonical {@code type} (one of the five above).
     *
     * @param attributes  the session's attributes; {@code clientId}, {@code file} (a certificate, PFX/P12 by its name,
     *                    else PEM) and {@code tokenFile} are read from them
     * @param authority   the authority host to use (the caller resolves the session's {@code authority} and its default)
     * @param tenantId    the tenant to use (the caller resolves defaults), or null
     * @param secret      the client secret (ClientSecret) or certificate password (ClientCertificate), or null
     * @param description how messages name the session, e.g. {@code auth session 'hr' (ClientSecret)}
     * @throws ProviderException when {@code authority} is plain {@code http://}, or a value the type needs is missing: {@code tenantId}, then {@code clientId},
     *                           then the secret or {@code file}
     */
    public static TokenCredential credential(String type, DataMap attributes, String authority, String tenantId,
            Secret secret, HttpClient http, String description) {
        if (authority != null && authority.regionMatches(true, 0, "http://", 0, 7)) {
            // a session's own 'authority' is not checked by the factory: refuse it before any secret is sent
            throw new ProviderException("The " + description + " names the authority '" + authority
                    + "', which must use https: credentials are never sent in clear.");
        }
        String clientId = attributes.getString("clientId");
        switch (type) {
            case "ClientSecret" -> {
                require(tenantId, "tenantId", description);
                require(clientId, "clientId", description);
                if (secret == null || secret.isEmpty()) {
                    throw new ProviderException("The " + description + " has no client secret (give 'env' or 'file').");
                }
                return new ClientSecretCredentialBuilder().tenantId(tenantId).clientId(clientId)
                        .clientSecret(secret.reveal()).authorityHost(authority).httpClient(http)
                        .disableInstanceDiscovery().build();
            }
            case "ClientCertificate" -> {
                require(tenantId, "tenantId", description);
                require(clientId, "clientId", description);
                String file = attributes.getString("file");
                require(file, "file", description);
                ClientCertificateCredentialBuilder b = new ClientCertificateCredentialBuilder().tenantId(tenantId)
                        .clientId(clientId).authorityHost(authority).httpClient(http).disableInstanceDiscovery();
                String lower = file.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".pfx") || lower.endsWith(".p12")) {
                    b.pfxCertificate(file);
                    if (secret != null) {
                        b.clientCertificatePassword(secret.reveal());
                    }
                } else {
                    b.pemCertificate(file);
                }
                return b.build();
            }
            case "ManagedIdentity" -> {
                ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder().httpClient(http);
                if (clientId != null) {
                    b.clientId(clientId);
                }
                return b.build();
            }
            case "WorkloadIdentity" -> {
                WorkloadIdentityCredentialBuilder b = new WorkloadIdentityCredentialBuilder().authorityHost(authority)
                        .httpClient(http).disableInstanceDiscovery();
                if (tenantId != null) {
                    b.tenantId(tenantId);
                }
                if (clientId != null) {
                    b.clientId(clientId);
                }
                if (attributes.getString("tokenFile") != null) {
                    b.tokenFilePath(attributes.getString("tokenFile"));
                }
                return b.build();
            }
            case "DefaultChain" -> {
                DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder().authorityHost(authority)
                        .httpClient(http).disableInstanceDiscovery();
                if (tenantId != null) {
                    b.tenantId(tenantId);
                }
                if (clientId != null) {
                    b.managedIdentityClientId(clientId);
                    b.workloadIdentityClientId(clientId);
                }
                return b.build();
            }
            default -> throw new IllegalStateException(type);
        }
    }

    /** Throws "The {@code description} needs '{@code key}'." when {@code value} is null or blank. */
    public static void require(String value, String key, String description) {
        if (value == null || value.isBlank()) {
            throw new ProviderException("The " + description + " needs '" + key + "'.");
        }
    }

    /**
     * The root cause of a credential's error in one line ({@code connection refused}, or its type and first line,
     * see {@link RootCause}), {@code secret} masked, at most 300 characters of message; for a
     * {@link ProviderException} that does not attach the cause (it may quote the secret).
     */
    public static String summary(Throwable e, Secret secret) {
        String msg = RootCause.wordingOf(RootCause.of(e));
        if (secret != null && !secret.isEmpty()) {
            msg = msg.replace(secret.reveal(), "[REDACTED]");
        }
        if (msg.length() > 300) {
            msg = msg.substring(0, 300) + "...";
        }
        return msg;
    }

    /**
     * Whether {@code e} or one of its causes is a network failure (an I/O error other than a missing file, or a
     * timeout), i.e. whether a token request may succeed when retried.
     */
    public static boolean isNetwork(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException && !(c instanceof FileNotFoundException) || c instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
