package org.jamesxmpp.core.s2s;

import java.nio.file.Path;
import java.util.Objects;

/** A key or trust store on disk. The secret never appears in {@link #toString()}. */
public record KeyStoreSettings(Path path, String type, String secret) {
    public KeyStoreSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "KeyStoreSettings[path=" + path + ", type=" + type + ", secret=***]";
    }
}
