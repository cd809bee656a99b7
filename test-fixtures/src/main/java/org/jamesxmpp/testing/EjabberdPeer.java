package org.jamesxmpp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway ejabberd 23.01 serving one test domain on its own loopback address (s2s on 5269 with
 * {@code mod_s2s_dialback}, plain unless {@link Builder#tls}; c2s on 5222, plain), resolving the other test domains through a
 * libnss-wrapper hosts file. Fails (never skips) when ejabberd or libnss-wrapper is not
 * installed. {@code try (EjabberdPeer peer = EjabberdPeer.builder(...).start())}.
 *
 * <p>The Erlang VM runs as the current user, straight from {@code erl} rather than through
 * Debian's {@code ejabberdctl} (which switches to the {@code ejabberd} user and shares the
 * system node name and cookie). It runs without Erlang distribution: no node name, no cookie, no
 * epmd, so parallel runs cannot collide. Users are therefore registered at boot.
 */
public final class EjabberdPeer extends LocalXmppServer {
    public static final Path ERL = Path.of("/usr/bin/erl");
    public static final Path LIBRARIES = Path.of("/usr/lib/x86_64-linux-gnu");
    private static final Logger LOGGER = LoggerFactory.getLogger(EjabberdPeer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String READY = "EJABBERD-PEER-READY";
    private static final String NSS_WRAPPER = "libnss_wrapper.so";

    private final Process process;

    private EjabberdPeer(String domain, String address, Path directory, Process process) {
        super(domain, address, directory);
        this.process = process;
    }

    public static Builder builder(String domain, String address) {
        return new Builder(domain, address);
    }

    /** ejabberd's log so far. */
    @Override
    public String log() {
        return read("ejabberd.log");
    }

    private void awaitStarted() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!output().contains(READY) || !PeerProcesses.listening(address(), S2S_PORT) || !PeerProcesses.listening(address(), C2S_PORT)) {
            if (!process.isAlive()) {
                String failure = "ejabberd for " + domain() + " exited with " + process.exitValue() + ":\n" + output();
                PeerProcesses.deleteRecursively(directory());
                throw new IllegalStateException(failure);
            }
            if (Instant.now().isAfter(deadline)) {
                String failure = "ejabberd for " + domain() + " did not listen on " + address() + " within "
                    + START_TIMEOUT + ":\n" + output();
                close();
                throw new IllegalStateException(failure);
            }
            PeerProcesses.sleep(Duration.ofMillis(20));
        }
        LOGGER.info("ejabberd for {} listening on {}", domain(), address());
    }

    /** Stops ejabberd (SIGTERM: the Erlang VM shuts down in order) and deletes its directory. */
    @Override
    public void close() {
        stop(process);
    }

    public static final class Builder extends Setup<Builder> {
        private Path erl = ERL;
        private Path libraries = LIBRARIES;
        private Optional<EjabberdTls> tls = Optional.empty();

        private Builder(String domain, String address) {
            super(domain, address);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Where {@code erl} is and the directory holding the {@code ejabberd-*} Erlang application
         * and {@code libnss_wrapper.so} (default: Debian's, amd64).
         */
        public Builder installation(Path erl, Path libraries) {
            this.erl = erl;
            this.libraries = libraries;
            return this;
        }

        /** STARTTLS (and SASL EXTERNAL) on s2s streams both ways, see {@link EjabberdTls}. */
        public Builder tls(EjabberdTls tls) {
            this.tls = Optional.of(tls);
            return this;
        }

        public EjabberdPeer start() {
            Path nssWrapper = libraries.resolve(NSS_WRAPPER);
            if (!Files.isExecutable(erl) || ejabberdApplication().isEmpty() || !Files.exists(nssWrapper)) {
                throw new IllegalStateException("ejabberd is missing (" + erl + ", " + libraries + "/ejabberd-*, "
                    + nssWrapper + "): the s2s interop tests need a real ejabberd 23.01 and libnss-wrapper. "
                    + "Install them with `apt-get install -y ejabberd libnss-wrapper` (bin/test does it when run as root).");
            }
            Path directory = null;
            try {
                directory = Files.createTempDirectory("ejabberd-" + domain + "-");
                Files.createDirectories(directory.resolve("database"));
                Path hostsFile = directory.resolve("hosts");
                Files.writeString(hostsFile, hosts.entrySet().stream()
                    .map(entry -> entry.getValue() + " " + entry.getKey() + "\n")
                    .collect(Collectors.joining()), StandardCharsets.US_ASCII);
                Path config = directory.resolve("ejabberd.yml");
                Files.writeString(config, configuration(directory), StandardCharsets.UTF_8);
                Path inetrc = directory.resolve("inetrc");
                Files.writeString(inetrc, "{lookup, [native]}.\n", StandardCharsets.US_ASCII);
                ProcessBuilder builder = new ProcessBuilder(erl.toString(), "-noinput", "-noshell",
                    "-mnesia", "dir", "\"" + directory.resolve("database").toAbsolutePath() + "\"",
                    "-s", "ejabberd",
                    "-eval", bootScript())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile());
                Map<String, String> environment = builder.environment();
                environment.keySet().removeIf(name -> name.startsWith("ERL_") || name.startsWith("EJABBERD_"));
                environment.put("HOME", directory.toAbsolutePath().toString());
                environment.put("ERL_LIBS", libraries.toAbsolutePath().toString());
                environment.put("ERL_INETRC", inetrc.toAbsolutePath().toString());
                environment.put("ERL_CRASH_DUMP_BYTES", "0");
                environment.put("EJABBERD_CONFIG_PATH", config.toAbsolutePath().toString());
                environment.put("EJABBERD_LOG_PATH", directory.resolve("ejabberd.log").toAbsolutePath().toString());
                environment.put("LD_PRELOAD", nssWrapper.toAbsolutePath().toString());
                environment.put("NSS_WRAPPER_HOSTS", hostsFile.toAbsolutePath().toString());
                EjabberdPeer peer = new EjabberdPeer(domain, address, directory, builder.start());
                peer.awaitStarted();
                return peer;
            } catch (IOException e) {
                if (directory != null) {
                    PeerProcesses.deleteRecursively(directory);
                }
                throw new UncheckedIOException("Cannot start ejabberd for " + domain, e);
            }
        }

        private Optional<Path> ejabberdApplication() {
            if (!Files.isDirectory(libraries)) {
                return Optional.empty();
            }
            try (Stream<Path> children = Files.list(libraries)) {
                return children.filter(child -> child.getFileName().toString().startsWith("ejabberd-"))
                    .filter(child -> Files.isDirectory(child.resolve("ebin")))
                    .findFirst();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Registers the users (a failed match aborts the boot, so the VM exits) and then says it is ready. */
        private String bootScript() {
            String registrations = users.entrySet().stream()
                .map(entry -> "ok = ejabberd_auth:try_register(" + binary(entry.getKey()) + ", " + binary(domain)
                    + ", " + binary(entry.getValue()) + "), ")
                .collect(Collectors.joining());
            return registrations + "io:format(\"" + READY + "~n\").";
        }

        private static String binary(String value) {
            if (!value.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("Test names and passwords are plain words here: " + value);
            }
            return "<<\"" + value + "\">>";
        }

        private String configuration(Path directory) {
            StringBuilder out = new StringBuilder()
                .append("loglevel: debug\n")
                .append("log_rotate_count: 0\n")
                .append("hosts:\n")
                .append("  - \"").append(domain).append("\"\n")
                .append("listen:\n")
                .append("  -\n")
                .append("    port: ").append(C2S_PORT).append('\n')
                .append("    ip: \"").append(address).append("\"\n")
                .append("    module: ejabberd_c2s\n")
                .append("    starttls_required: false\n")
                .append("  -\n")
                .append("    port: ").append(S2S_PORT).append('\n')
                .append("    ip: \"").append(address).append("\"\n")
                .append("    module: ejabberd_s2s_in\n")
                .append(tls.map(settings -> String.join("\n", settings.configure(directory)))
                    .orElse("s2s_use_starttls: false")).append('\n')
                .append("s2s_access: all\n")
                .append("outgoing_s2s_families:\n")
                .append("  - ipv4\n")
                .append("outgoing_s2s_port: ").append(S2S_PORT).append('\n')
                .append("s2s_dns_timeout: 1\n")
                .append("s2s_dns_retries: 1\n")
                .append("auth_method: internal\n")
                .append("auth_password_format: plain\n")
                .append("acl:\n")
                .append("  local:\n")
                .append("    user_regexp: \"\"\n")
                .append("access_rules:\n")
                .append("  local:\n")
                .append("    allow: local\n")
                .append("  c2s:\n")
                .append("    allow: all\n")
                .append("modules:\n")
                .append("  mod_s2s_dialback: {}\n")
                .append("  mod_roster: {}\n")
                .append("  mod_disco: {}\n")
                .append("  mod_ping: {}\n");
            extraConfig.forEach(line -> out.append(line).append('\n'));
            return out.toString();
        }
    }
}
