package org.jamesxmpp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Main class of the forked Cassandra JVM ({@link EmbeddedCassandra}). It uses JDK classes only and reaches Cassandra
 * reflectively, because it runs on Cassandra's own class path. It ends that JVM as soon as its standard input closes,
 * which happens when the test JVM that started it goes away, even killed: no Cassandra outlives its test run. A
 * {@link #DRAIN_AND_EXIT} line on its standard input drains Cassandra first (what {@code nodetool drain} does: no
 * more clients, every write flushed), for a stop that loses nothing.
 */
public final class EmbeddedCassandraLauncher {
    static final byte[] DRAIN_AND_EXIT = "drain\n".getBytes(StandardCharsets.US_ASCII);

    private EmbeddedCassandraLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            if (awaitEndOrDrain(System.in)) {
                drain();
            }
            Runtime.getRuntime().halt(0);
        }, "embedded-cassandra-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Class<?> daemon = Class.forName("org.apache.cassandra.service.CassandraDaemon");
        Object cassandra = daemon.getMethod("getInstanceForTesting").invoke(null);
        // activate(), never deactivate(): deactivate() calls System.exit
        daemon.getMethod("activate").invoke(cassandra);
    }

    /** @return true when asked to drain, false when the parent went away */
    private static boolean awaitEndOrDrain(InputStream input) {
        try {
            int read;
            while ((read = input.read()) != -1) {
                if (read == '\n') {
                    return true;
                }
            }
        } catch (IOException expected) {
            // a broken pipe means the parent is gone, too
        }
        return false;
    }

    private static void drain() {
        try {
            Class<?> storageService = Class.forName("org.apache.cassandra.service.StorageService");
            Object instance = storageService.getField("instance").get(null);
            storageService.getMethod("drain").invoke(instance);
        } catch (ReflectiveOperationException e) {
            e.printStackTrace();
        }
    }
}
