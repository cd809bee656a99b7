package org.jamesxmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

class EjabberdPeerTest {
    static final String DOMAIN = "fixture-ejabberd.test";
    static final String ADDRESS = "127.0.50.10";

    @Test
    void startShouldFailWithAnInstallHintWhenEjabberdIsMissing() {
        assertThatThrownBy(() -> EjabberdPeer.builder(DOMAIN, ADDRESS)
                .installation(Path.of("/nonexistent/erl"), Path.of("/nonexistent/lib"))
                .start())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ejabberd is missing")
            .hasMessageContaining("apt-get install -y ejabberd libnss-wrapper");
    }

    @Test
    void startShouldFailWithEjabberdsOutputWhenTheConfigurationIsInvalid() {
        assertThatThrownBy(() -> EjabberdPeer.builder(DOMAIN, ADDRESS)
                .config("no_such_option_here: true")
                .start())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ejabberd for " + DOMAIN + " exited")
            .hasMessageContaining("no_such_option_here");
    }

    @Test
    void registeredUsersShouldExchangeMessagesThroughTheFixture() {
        try (EjabberdPeer ejabberd = EjabberdPeer.builder(DOMAIN, ADDRESS)
                .user("alice", "secret")
                .user("carol", "secret")
                .start();
             SmackClient alice = SmackClient.login(DOMAIN, ejabberd.c2sAddress(), "alice", "secret");
             SmackClient carol = SmackClient.login(DOMAIN, ejabberd.c2sAddress(), "carol", "secret")) {
            alice.sendMessage("carol@" + DOMAIN, "hello carol");

            Message got = carol.awaitMessages(m -> "hello carol".equals(m.getBody()), 1, Duration.ofSeconds(10)).get(0);

            assertThat(got.getFrom().asBareJid().toString()).isEqualTo("alice@" + DOMAIN);
        }
    }

    @Test
    void closeShouldStopEjabberdAndDeleteItsDirectory() {
        EjabberdPeer ejabberd = EjabberdPeer.builder(DOMAIN, ADDRESS).start();
        Path directory = ejabberd.directory();

        ejabberd.close();

        assertThat(Files.exists(directory)).isFalse();
        assertThat(listening(ejabberd.s2sAddress())).isFalse();
        assertThat(listening(ejabberd.c2sAddress())).isFalse();
    }

    private static boolean listening(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
