package org.jamesxmpp.core.s2s.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

class InboundCloseTest {
    static final String ANONYMOUS_HEADER_START = "<?xml version='1.0'?><stream:stream xmlns='jabber:server'";
    static final String TIMEOUT = "<stream:error><connection-timeout xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
        + "</stream:error>";

    InboundSession session = new InboundSession();
    InboundClose testee = new InboundClose(session);
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            testee.close(ctx, (InboundEnding) msg);
        }
    });

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private String close(InboundEnding ending) {
        channel.writeInbound(ending);
        StringBuilder output = new StringBuilder();
        Object written;
        while ((written = channel.readOutbound()) != null) {
            output.append(written);
        }
        return output.toString();
    }

    @Test
    void errorBeforeTheHeaderShouldSendAHeaderWithTheStreamIdFirst() {
        String output = close(InboundEnding.error(StreamErrorCondition.CONNECTION_TIMEOUT));

        assertThat(output).startsWith(ANONYMOUS_HEADER_START).contains("id='" + session.streamId() + "'")
            .endsWith(TIMEOUT + "</stream:stream>");
        assertThat(session.state()).isEqualTo(InboundState.CLOSED);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void errorOnAnAnsweredStreamShouldSendOnlyTheErrorAndTheEnd() {
        session.apply(InboundEvent.HEADER_ANSWERED);

        assertThat(close(InboundEnding.error(StreamErrorCondition.CONNECTION_TIMEOUT))).isEqualTo(TIMEOUT + "</stream:stream>");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void errorAfterASaslRestartShouldSendAHeaderAgain() {
        session.apply(InboundEvent.HEADER_ANSWERED);
        session.apply(InboundEvent.SASL_SUCCEEDED);

        assertThat(close(InboundEnding.error(StreamErrorCondition.CONNECTION_TIMEOUT))).startsWith(ANONYMOUS_HEADER_START);
    }

    @Test
    void streamEndShouldSendOnlyTheEnd() {
        session.apply(InboundEvent.HEADER_ANSWERED);

        assertThat(close(InboundEnding.streamEnd())).isEqualTo("</stream:stream>");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void startTlsFailureShouldSendTheFailureAndTheEnd() {
        session.apply(InboundEvent.HEADER_ANSWERED);

        assertThat(close(InboundEnding.startTlsFailure()))
            .isEqualTo("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>");
    }

    @Test
    void dropShouldWriteNothingAndClose() {
        session.apply(InboundEvent.HEADER_ANSWERED);

        assertThat(close(InboundEnding.drop())).isEmpty();
        assertThat(session.state()).isEqualTo(InboundState.CLOSED);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void secondEndingShouldWriteNothing() {
        session.apply(InboundEvent.HEADER_ANSWERED);
        session.apply(InboundEvent.CLOSE);

        assertThat(close(InboundEnding.error(StreamErrorCondition.POLICY_VIOLATION))).isEmpty();
        assertThat(close(InboundEnding.streamEnd())).isEmpty();
        assertThat(session.state()).isEqualTo(InboundState.CLOSED);
    }

    @Test
    void peerEndAfterOursShouldDropTheConnection() {
        session.apply(InboundEvent.HEADER_ANSWERED);
        session.apply(InboundEvent.CLOSE);

        close(InboundEnding.streamEnd());

        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void laterErrorShouldNotDropAConnectionStillFlushingItsEnd() {
        session.apply(InboundEvent.HEADER_ANSWERED);
        session.apply(InboundEvent.CLOSE);

        close(InboundEnding.error(StreamErrorCondition.POLICY_VIOLATION));

        assertThat(channel.isActive()).isTrue();
    }
}
