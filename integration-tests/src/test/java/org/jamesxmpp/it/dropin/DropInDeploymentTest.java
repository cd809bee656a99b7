package org.jamesxmpp.it.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The drop-in deployment into James's stock {@code MemoryJamesServerMain}: the conf as it is, plus the client
 * listener as README asks for it (the c2s startable in extensions.properties), on 127.0.0.4 and a free port.
 */
class DropInDeploymentTest extends DropInDeploymentContract {
    private static final String C2S_STARTABLE_LINE = "guice.extension.startable=org.jamesxmpp.guice.C2sListenerStartable";

    private int c2sPort;

    DropInDeploymentTest() {
        super(StockJames.Flavour.MEMORY, "127.0.0.4", "127.0.0.2");
    }

    @Override
    void configureJames(Path conf) {
        // the shared conf is a memory server's
    }

    @Override
    void afterInstallingTheBundle(Path conf) throws Exception {
        c2sPort = StockJames.freePort();
        Path extensions = conf.resolve("extensions.properties");
        Files.writeString(extensions, Files.readString(extensions, StandardCharsets.UTF_8) + "\n" + C2S_STARTABLE_LINE + "\n",
            StandardCharsets.UTF_8);
        Path xmppXml = conf.resolve("xmpp.xml");
        String xml = Files.readString(xmppXml, StandardCharsets.UTF_8);
        assertThat(xml).as("the bundle's xmpp.xml leaves c2s at its defaults (0.0.0.0:5222)").doesNotContain("<c2s");
        Files.writeString(xmppXml, xml.replace("</xmpp>", "    <c2s><bind>127.0.0.4:" + c2sPort + "</bind></c2s>\n</xmpp>"),
            StandardCharsets.UTF_8);
    }

    @Test
    @Order(3)
    void aJamesUserShouldLogInWithAnXmppClientAndChatWithTheProsodyUser() throws Exception {
        try (SmackClient bob = SmackClient.loginOverTls(JAMES_DOMAIN, new InetSocketAddress("127.0.0.4", c2sPort), "bob",
            PASSWORD, "phone")) {
            bob.send(StanzaBuilder.buildMessage()
                .to(JidCreate.from(ALICE))
                .ofType(Message.Type.chat)
                .setBody("from bob's XMPP client on stock James")
                .build());

            List<Message> received = alice.awaitMessages(m -> "from bob's XMPP client on stock James".equals(m.getBody()), 1,
                DELIVERY_TIMEOUT);
            assertThat(received.get(0).getFrom().toString()).isEqualTo(BOB + "/phone");
        }
    }
}
