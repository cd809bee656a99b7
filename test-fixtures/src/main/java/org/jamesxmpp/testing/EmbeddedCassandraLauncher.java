package org.jamesxmpp.testing;

import java.io.IOException;
import java.io.InputStream;

/**
 * Main class of the forked Cassandra JVM ({@link EmbeddedCassandra}). It uses JDK classes only and reaches Cassandra
 * reflectively, because it runs on Cassandra's own class path. It ends that JVM as soon as its standard input closes,
 * which happens when the test JVM that started it goes away, even killed: no Cassandra outlives its test run.
 */
public final class EmbeddedCassandraLauncher {
    private EmbeddedCassandraLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            awaitEndOf(System.in);
            Runtime.getRuntime().halt(0);
        }, "embedded-cassandra-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Class<?> daemon = Class.forName("org.apache.cassandra.service.CassandraDaemon");
        Object cassandra = daemon.getMethod("getInstanceForTesting").invoke(null);
        // activate(), never deactivate(): deactivate() calls System.exit
        daemon.getMethod("activate").invoke(cassandra);
    }

    private static void awaitEndOf(InputStream input) {
        byte[] buffer = new byte[64];
        try {
            while (input.read(buffer) != -1) {
                // the parent writes nothing; only the end of the stream matters
            }
        } catch (IOException expected) {
            // a broken pipe means the parent is gone, too
        }
    }
}
