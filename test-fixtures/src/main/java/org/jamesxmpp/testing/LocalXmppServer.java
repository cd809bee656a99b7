package org.jamesxmpp.testing;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a throwaway XMPP server process of the tests has in common: one domain served on its own loopback address (s2s
 * on 5269, c2s on 5222), a working directory with its logs, deleted when it is closed.
 */
public abstract class LocalXmppServer implements AutoCloseable {
    public static final int S2S_PORT = 5269;
    public static final int C2S_PORT = 5222;

    private final String domain;
    private final String address;
    private final Path directory;

    LocalXmppServer(String domain, String address, Path directory) {
        this.domain = domain;
        this.address = address;
        this.directory = directory;
    }

    public String domain() {
        return domain;
    }

    public String address() {
        return address;
    }

    public InetSocketAddress s2sAddress() {
        return new InetSocketAddress(address, S2S_PORT);
    }

    public InetSocketAddress c2sAddress() {
        return new InetSocketAddress(address, C2S_PORT);
    }

    public Path directory() {
        return directory;
    }

    /** The server's own log so far (for assertions and failure messages). */
    public abstract String log();

    /** A file of the working directory as it is now; empty when it does not exist yet. */
    String read(String file) {
        return PeerProcesses.read(directory.resolve(file));
    }

    /** What the process wrote on its standard output and error. */
    String output() {
        return read("stdout.log");
    }

    /** Stops {@code process} (SIGTERM) and deletes the working directory. */
    void stop(Process process) {
        PeerProcesses.stop(process);
        PeerProcesses.deleteRecursively(directory);
    }

    /** What every such server is told before it starts: its domain and address, names to resolve, users, raw lines. */
    public abstract static class Setup<B extends Setup<B>> {
        final String domain;
        final String address;
        final Map<String, String> hosts = new LinkedHashMap<>();
        final Map<String, String> users = new LinkedHashMap<>();
        final List<String> extraConfig = new ArrayList<>();

        Setup(String domain, String address) {
            this.domain = domain;
            this.address = address;
        }

        abstract B self();

        /** The server resolves {@code otherDomain} to {@code otherAddress} (and connects there on 5269). */
        public B resolve(String otherDomain, String otherAddress) {
            hosts.put(otherDomain, otherAddress);
            return self();
        }

        /** Registers {@code user} with {@code password} before the server serves. */
        public B user(String user, String password) {
            users.put(user, password);
            return self();
        }

        /** A raw line appended to the server's configuration (its global section). */
        public B config(String line) {
            extraConfig.add(line);
            return self();
        }
    }
}
