package dev.idle.spi;

import dev.idle.api.data.DataMap;

record SimpleAuthSession(String name, String type, DataMap attributes, Secret secret) implements AuthSession {
    @Override
    public String toString() {
        return "AuthSession[name=" + name + ", type=" + type + "]";
    }
}
