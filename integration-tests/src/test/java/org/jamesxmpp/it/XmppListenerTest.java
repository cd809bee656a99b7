package org.jamesxmpp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.utils.DataProbeImpl;
import org.jamesxmpp.guice.XmppProbe;
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

            assertThat(stream.readUntil("</stream:features>"))
                .contains("<stream:stream")
                .contains("xmlns='jabber:server'")
                .contains("from='james.test'")
                .contains("<stream:features>")
                .contains("</stream:features>");
        }
    }

    @Test
    void streamToADomainJamesDoesNotServeShouldBeRefusedWithHostUnknown() throws Exception {
        try (RawS2sStream stream = RawS2sStream.connect(LISTENER)) {
            stream.send(RawS2sStream.streamHeader("a.test", "not-ours.test"));

            assertThat(stream.readUntil("</stream:stream>"))
                .contains("host-unknown")
                .contains("</stream:stream>");
        }
    }
}
