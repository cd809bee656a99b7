package org.jamesxmpp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway Prosody 0.12 serving one test domain on its own loopback address (s2s on 5269,
 * c2s on 5222), resolving the other test domains through a hosts file. Fails (never skips) when
 * Prosody is not installed. {@code try (ProsodyPeer peer = ProsodyPeer.builder(...).start())}.
 */
public final class ProsodyPeer extends LocalXmppServer {
    public static final Path PROSODY = Path.of("/usr/bin/prosody");
    public static final Path PROSODYCTL = Path.of("/usr/bin/prosodyctl");
    private static final Logger LOGGER = LoggerFactory.getLogger(ProsodyPeer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path prosody;
    private final Path prosodyctl;
    private final Path config;
    private Process process;

    private ProsodyPeer(String domain, String address, Path prosody, Path prosodyctl, Path directory, Path config) {
        super(domain, address, directory);
        this.prosody = prosody;
        this.prosodyctl = prosodyctl;
        this.config = config;
    }

    public static Builder builder(String domain, String address) {
        return new Builder(domain, address);
    }

    /** Prosody's debug log so far. */
    @Override
    public String log() {
        return read("prosody.log");
    }

    public ProsodyPeer registerUser(String user, String password) {
        run(List.of(prosodyctl.toString(), "--config", config.toString(), "register", user, domain(), password));
        return this;
    }

    private void start() {
        ProcessBuilder builder = new ProcessBuilder(prosody.toString(), "--config", config.toString(), "-F")
            .redirectErrorStream(true)
            .redirectOutput(directory().resolve("stdout.log").toFile());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + prosody + ": " + e.getMessage(), e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!PeerProcesses.listening(address(), S2S_PORT) || !PeerProcesses.listening(address(), C2S_PORT)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prosody for " + domain() + " exited with " + process.exitValue()
                    + ":\n" + output() + "\n" + log());
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("Prosody for " + domain() + " did not listen on " + address()
                    + " within " + START_TIMEOUT + ":\n" + output() + "\n" + log());
            }
            PeerProcesses.sleep(Duration.ofMillis(20));
        }
        LOGGER.info("Prosody for {} listening on {}", domain(), address());
    }

    /** Starts Prosody again after {@link #kill()}, with the same configuration and data. */
    public ProsodyPeer restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Prosody for " + domain() + " is still running");
        }
        start();
        return this;
    }

    /** Kills Prosody at once (SIGKILL): no stream is closed properly. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            PeerProcesses.waitFor(process);
        }
    }

    /** Stops Prosody (SIGTERM) and deletes its directory. */
    @Override
    public void close() {
        stop(process);
    }

    private void run(List<String> command) {
        try {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(30, TimeUnit.SECONDS) || child.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder extends Setup<Builder> {
        private Optional<TestCertificate> certificate = Optional.empty();
        private Optional<TestPki> authority = Optional.empty();
        private boolean secureAuth;
        private boolean requireEncryption;
        private boolean smacks = true;
        private final List<String> extraModules = new ArrayList<>();
        private Path prosody = PROSODY;
        private Path prosodyctl = PROSODYCTL;

        private Builder(String domain, String address) {
            super(domain, address);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Enables TLS with this certificate; peers are checked against {@code authority}. */
        public Builder tls(TestCertificate certificate, TestPki authority) {
            this.certificate = Optional.of(certificate);
            this.authority = Optional.of(authority);
            return this;
        }

        public Builder secureAuth(boolean secureAuth) {
            this.secureAuth = secureAuth;
            return this;
        }

        public Builder requireEncryption(boolean requireEncryption) {
            this.requireEncryption = requireEncryption;
            return this;
        }

        public Builder smacks(boolean smacks) {
            this.smacks = smacks;
            return this;
        }

        /** Where the {@code prosody} and {@code prosodyctl} binaries are (default: Debian's). */
        public Builder binaries(Path prosody, Path prosodyctl) {
            this.prosody = prosody;
            this.prosodyctl = prosodyctl;
            return this;
        }

        /** Loads one more Prosody module, e.g. {@code limits}. */
        public Builder module(String module) {
            extraModules.add(module);
            return this;
        }

        public ProsodyPeer start() {
            if (!Files.isExecutable(prosody) || !Files.isExecutable(prosodyctl)) {
                throw new IllegalStateException(prosody + " is missing: the s2s tests need a real Prosody 0.12. "
                    + "Install it with `apt-get install -y prosody lua-unbound` (bin/test does it when run as root).");
            }
            try {
                Path directory = Files.createTempDirectory("prosody-" + domain + "-");
                Files.createDirectories(directory.resolve("data"));
                Path hostsFile = directory.resolve("hosts");
                Files.writeString(hostsFile, hosts.entrySet().stream()
                    .map(entry -> entry.getValue() + " " + entry.getKey() + "\n")
                    .collect(Collectors.joining()), StandardCharsets.US_ASCII);
                Path config = directory.resolve("prosody.cfg.lua");
                Files.writeString(config, configuration(directory, hostsFile), StandardCharsets.UTF_8);
                ProsodyPeer peer = new ProsodyPeer(domain, address, prosody, prosodyctl, directory, config);
                users.forEach(peer::registerUser);
                peer.start();
                return peer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String configuration(Path directory, Path hostsFile) {
            List<String> modules = new ArrayList<>(List.of("roster", "saslauth", "dialback", "disco", "ping"));
            if (certificate.isPresent()) {
                modules.add("tls");
            }
            if (smacks) {
                modules.add("smacks");
            }
            modules.addAll(extraModules);
            StringBuilder out = new StringBuilder()
                .append("pidfile = ").append(quote(directory.resolve("prosody.pid"))).append('\n')
                .append("data_path = ").append(quote(directory.resolve("data"))).append('\n')
                .append("run_as_root = true\n")
                .append("daemonize = false\n")
                .append("log = { debug = ").append(quote(directory.resolve("prosody.log"))).append(" }\n")
                .append("interfaces = { \"").append(address).append("\" }\n")
                .append("c2s_ports = { ").append(C2S_PORT).append(" }\n")
                .append("s2s_ports = { ").append(S2S_PORT).append(" }\n")
                .append("modules_enabled = { ")
                .append(modules.stream().map(module -> "\"" + module + "\"").collect(Collectors.joining(", ")))
                .append(" }\n")
                .append("s2s_secure_auth = ").append(secureAuth).append('\n')
                .append("s2s_require_encryption = ").append(requireEncryption).append('\n')
                .append("c2s_require_encryption = false\n")
                .append("allow_unencrypted_plain_auth = true\n")
                .append("authentication = \"internal_plain\"\n")
                .append("unbound = { hoststxt = ").append(quote(hostsFile)).append(" }\n");
            if (certificate.isPresent()) {
                Path cert = certificate.get().writeCertificatePem(directory.resolve(domain + ".crt"));
                Path key = certificate.get().writeKeyPem(directory.resolve(domain + ".key"));
                Path ca = authority.get().writeCaPem(directory.resolve("ca.pem"));
                out.append("ssl = { certificate = ").append(quote(cert)).append(", key = ").append(quote(key))
                    .append(", cafile = ").append(quote(ca)).append(" }\n");
            }
            extraConfig.forEach(line -> out.append(line).append('\n'));
            return out.append("VirtualHost \"").append(domain).append("\"\n").toString();
        }

        private static String quote(Path path) {
            return "\"" + path.toAbsolutePath() + "\"";
        }
    }
}
