package org.jamesxmpp.core.s2s.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jamesxmpp.core.s2s.InboundLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;

class ConnectionLimitsTest {
    static final class PeerChannel extends EmbeddedChannel {
        private final InetSocketAddress remote;

        PeerChannel(String address, ChannelHandler handler) throws Exception {
            super(DefaultChannelId.newInstance(), false, false, handler);
            this.remote = new InetSocketAddress(address, 40000);
            register();
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }

        String written() {
            StringBuilder output = new StringBuilder();
            ByteBuf buffer;
            while ((buffer = readOutbound()) != null) {
                output.append(buffer.toString(StandardCharsets.UTF_8));
                buffer.release();
            }
            return output.toString();
        }
    }

    List<PeerChannel> channels = new ArrayList<>();

    @AfterEach
    void tearDown() {
        channels.forEach(PeerChannel::finishAndReleaseAll);
    }

    private PeerChannel connect(ConnectionLimits testee, String address) throws Exception {
        PeerChannel channel = new PeerChannel(address, testee);
        channels.add(channel);
        return channel;
    }

    @Test
    void connectionBeyondThePerAddressLimitShouldGetPolicyViolation() throws Exception {
        ConnectionLimits testee = new ConnectionLimits(InboundLimits.defaults().withConnections(100, 2));
        connect(testee, "192.0.2.1");
        connect(testee, "192.0.2.1");

        PeerChannel third = connect(testee, "192.0.2.1");

        assertThat(third.written()).startsWith("<?xml version='1.0'?><stream:stream")
            .endsWith("<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                + "</stream:stream>");
        assertThat(third.isActive()).isFalse();
        assertThat(connect(testee, "192.0.2.2").isActive()).as("another address").isTrue();
    }

    @Test
    void connectionBeyondTheTotalShouldGetResourceConstraint() throws Exception {
        ConnectionLimits testee = new ConnectionLimits(InboundLimits.defaults().withConnections(2, 100));
        connect(testee, "192.0.2.1");
        connect(testee, "192.0.2.2");

        PeerChannel third = connect(testee, "192.0.2.3");

        assertThat(third.written()).contains("<resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        assertThat(third.isActive()).isFalse();
    }

    @Test
    void closedConnectionShouldFreeItsPlace() throws Exception {
        ConnectionLimits testee = new ConnectionLimits(InboundLimits.defaults().withConnections(2, 1));
        PeerChannel first = connect(testee, "192.0.2.1");
        first.close();

        PeerChannel again = connect(testee, "192.0.2.1");

        assertThat(again.isActive()).isTrue();
        assertThat(again.written()).isEmpty();
    }

    @Test
    void refusedConnectionsShouldNotTakeAPlace() throws Exception {
        ConnectionLimits testee = new ConnectionLimits(InboundLimits.defaults().withConnections(1, 1));
        PeerChannel first = connect(testee, "192.0.2.1");
        connect(testee, "192.0.2.1").close();
        connect(testee, "192.0.2.2").close();
        first.close();

        assertThat(connect(testee, "192.0.2.3").isActive()).isTrue();
    }
}
