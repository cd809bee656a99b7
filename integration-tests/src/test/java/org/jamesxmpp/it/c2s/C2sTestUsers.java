package org.jamesxmpp.it.c2s;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.GuiceJamesServer;
import org.jamesxmpp.guice.XmppProbe;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.listener.configuration.C2sConfiguration;
import org.jamesxmpp.listener.configuration.SaslConfiguration;
import org.jamesxmpp.listener.configuration.XmppConfiguration;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.impl.JidCreate;

import com.google.inject.Module;

/** The client side of a c2s test: James users logging into our client listener with Smack, and their messages. */
record C2sTestUsers(GuiceJamesServer server, String domain, String password) {
    /** James's s2s listener on {@code jamesAddress}:5269 and a static route to the Prosody peer. */
    static Module s2sOnOwnAddresses(String jamesAddress, String peerDomain, String peerAddress) {
        try {
            XMLConfiguration xml = new XMLConfiguration();
            new FileHandler(xml).load(new StringReader("<xmpp><listener><bind>" + jamesAddress + ":5269</bind></listener>"
                + "<routes><route domain=\"" + peerDomain + "\" host=\"" + peerAddress + "\" port=\"5269\"/></routes></xmpp>"));
            XmppConfiguration configuration = XmppConfiguration.from(xml);
            return binder -> binder.bind(XmppConfiguration.class).toInstance(configuration);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * James's s2s listener on {@code s2sBind} and {@code c2s} as the {@code <c2s>} section, with the bundled keystore
     * appended to it: the xmpp.xml settings of the listener's own tests (c2s and its SASL settings bound over the
     * test conf's).
     */
    static Module clientListener(String s2sBind, String c2s) {
        try {
            XMLConfiguration xml = new XMLConfiguration();
            new FileHandler(xml).load(new StringReader("<xmpp><listener><bind>" + s2sBind + "</bind></listener><c2s>" + c2s
                + "<tls><keystore>classpath://keystore</keystore><secret>james-xmpp</secret></tls></c2s></xmpp>"));
            XmppConfiguration configuration = XmppConfiguration.from(xml);
            C2sConfiguration c2sConfiguration = C2sConfiguration.from(xml);
            SaslConfiguration sasl = SaslConfiguration.from(xml);
            return binder -> {
                binder.bind(XmppConfiguration.class).toInstance(configuration);
                binder.bind(C2sConfiguration.class).toInstance(c2sConfiguration);
                binder.bind(SaslConfiguration.class).toInstance(sasl);
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Message chat(String to, String body) throws Exception {
        return StanzaBuilder.buildMessage()
            .to(JidCreate.from(to))
            .ofType(Message.Type.chat)
            .setBody(body)
            .build();
    }

    static List<Message> awaitBody(SmackClient client, String body, Duration timeout) {
        return client.awaitMessages(message -> body.equals(message.getBody()), 1, timeout);
    }

    static String localPart(String user) {
        return user.substring(0, user.indexOf('@'));
    }

    JamesUsers mail() {
        return new JamesUsers(server, domain, password);
    }

    InetSocketAddress c2s() {
        return server.getProbe(XmppProbe.class).c2sAddresses().get(0);
    }

    SmackClient login(String user, String resource) {
        return SmackClient.loginOverTls(domain, c2s(), localPart(user), password, resource);
    }
}
