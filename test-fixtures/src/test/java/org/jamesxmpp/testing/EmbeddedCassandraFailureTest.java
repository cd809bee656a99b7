package org.jamesxmpp.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCassandraFailureTest {
    @Test
    void startShouldSayWhyWhenCassandraDoesNotComeUp(@TempDir Path directory) throws Exception {
        Path noCassandra = Files.writeString(directory.resolve("classpath.txt"), "");

        assertThatThrownBy(() -> EmbeddedCassandra.start(noCassandra))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Embedded Cassandra (cassandra-all, forked JVM) on 127.0.0.1:")
            .hasMessageContaining("exited with")
            .hasMessageContaining("org.apache.cassandra.service.CassandraDaemon");
    }
}
