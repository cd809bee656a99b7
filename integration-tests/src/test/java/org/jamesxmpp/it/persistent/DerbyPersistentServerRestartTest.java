package org.jamesxmpp.it.persistent;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.io.TempDir;

/** The shipped configuration: embedded Derby below the data directory. */
class DerbyPersistentServerRestartTest implements PersistentServerRestartContract {
    @TempDir
    Path data;

    @Override
    public Path dataDirectory() {
        return data;
    }

    @Override
    public Optional<String> databaseProperties() {
        return Optional.empty();
    }
}
