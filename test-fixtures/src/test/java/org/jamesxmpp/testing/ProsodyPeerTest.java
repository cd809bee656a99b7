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

class ProsodyPeerTest {
    static final String DOMAIN = "fixture.test";
    static final String ADDRESS = "127.0.20.2";

    @Test
    void startShouldFailWithAnInstallHintWhenProsodyIsMissing() {
        assertThatThrownBy(() -> ProsodyPeer.builder(DOMAIN, ADDRESS)
                .binaries(Path.of("/nonexistent/prosody"), Path.of("/nonexistent/prosodyctl"))
                .start())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("/nonexistent/prosody is missing")
            .hasMessageContaining("apt-get install -y prosody lua-unbound");
    }

    @Test
    void registeredUsersShouldExchangeMessagesThroughTheFixture() {
        try (ProsodyPeer prosody = ProsodyPeer.builder(DOMAIN, ADDRESS)
                .user("alice", "secret")
                .user("carol", "secret")
                .start();
             SmackClient alice = SmackClient.login(DOMAIN, prosody.c2sAddress(), "alice", "secret");
             SmackClient carol = SmackClient.login(DOMAIN, prosody.c2sAddress(), "carol", "secret")) {
            alice.sendMessage("carol@" + DOMAIN, "hello carol");

            Message got = carol.awaitMessages(m -> "hello carol".equals(m.getBody()), 1, Duration.ofSeconds(10)).get(0);

            assertThat(got.getFrom().asBareJid().toString()).isEqualTo("alice@" + DOMAIN);
        }
    }

    @Test
    void closeShouldStopProsodyAndDeleteItsDirectory() {
        ProsodyPeer prosody = ProsodyPeer.builder(DOMAIN, ADDRESS).start();
        Path directory = prosody.directory();

        prosody.close();

        assertThat(Files.exists(directory)).isFalse();
        assertThat(listening(prosody.s2sAddress())).isFalse();
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
