package com.example.idle.wiki;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderFactory;
import java.util.Map;

/**
 * Host-file type {@code acme-wiki}. Options: {@code accounts} — a map of user name to display name (this example's
 * stand-in for a base URL and credentials).
 */
public final class WikiProviderFactory implements ProviderFactory {
    @Override
    public String type() {
        return "acme-wiki";
    }

    @Override
    public Provider create(String alias, DataMap options, Environment env) {
        for (String key : options.keySet()) {
            if (!key.equalsIgnoreCase("accounts")) {
                throw new IllegalArgumentException("acme-wiki provider '" + alias + "': unknown option '" + key
                        + "'. Options: accounts.");
            }
        }
        WikiServer server = new WikiServer();
        Object accounts = options.get("accounts");
        if (accounts != null && !(accounts instanceof DataMap)) {
            throw new IllegalArgumentException("acme-wiki provider '" + alias
                    + "': option 'accounts' must be a map of user name to display name.");
        }
        if (accounts instanceof DataMap m) {
            for (Map.Entry<String, Object> e : m.entrySet()) {
                server.addAccount(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return new WikiProvider(server);
    }
}
