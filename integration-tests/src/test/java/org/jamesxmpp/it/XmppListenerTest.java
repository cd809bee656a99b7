package org.jamesxmpp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.DataProbeImpl;
import org.jamesxmpp.guice.XmppProbe;
import org.jamesxmpp.testing.RawS2sStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class XmppListenerTest {
    private static final InetSocketAddress LISTENER = new InetSocketAddress("127.0.0.3", 5269);

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build();

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        DataProbeImpl data = server.getProbe(DataProbeImpl.class);
        if (!data.containsDomain("james.test")) {
            data.addDomain("james.test");
        }
    }

    @Test
    void listenerShouldBeBoundWhereXmppXmlSays(GuiceJamesServer server) {
        assertThat(server.getProbe(XmppProbe.class).boundAddresses()).containsExactly(LISTENER);
    }

    @Test
    void listenerShouldAnswerAStreamHeaderWithAHeaderAndFeatures() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(LISTENER)) {
            stream.send(RawS2sStream.streamHeader("a.test", "james.test"));

            String answer = stream.readUntil("</stream:features>");

            assertThat(answer)
                .contains("<stream:stream")
                .contains("xmlns='jabber:server'")
                .contains("from='james.test'")
                .contains("to='a.test'")
                .contains("version='1.0'")
                .contains("<dialback xmlns='urn:xmpp:features:dialback'>")
                .doesNotContain("starttls");
            assertThat(answer.indexOf("<stream:features>")).isGreaterThan(answer.indexOf("<stream:stream"));
        }
    }

    @Test
    void streamToADomainJamesDoesNotServeShouldBeRefusedWithHostUnknown() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(LISTENER)) {
            stream.send(RawS2sStream.streamHeader("a.test", "not-ours.test"));

            assertThat(stream.readUntil("</stream:stream>"))
                .containsPattern("<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>.*</stream:error>");
        }
    }
}
