package org.jamesxmpp.core.s2s.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

class StanzaDeadlineTest {
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server'"
        + " xmlns:stream='http://etherx.jabber.org/streams' from='a.test' to='james.test' version='1.0'>";
    static final Duration DEADLINE = Duration.ofMillis(200);

    List<Throwable> errors = new ArrayList<>();
    EmbeddedChannel channel = new EmbeddedChannel(new StanzaDeadline(DEADLINE), new XmppStreamDecoder(64 * 1024),
        new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
            }
        });

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private void read(String xml) {
        channel.writeInbound(Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
    }

    private boolean deadlineMissed() {
        channel.runScheduledPendingTasks();
        return errors.stream().anyMatch(error -> error instanceof StreamException stream
            && stream.condition() == StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void stanzaThatNeverEndsShouldMissTheDeadline() {
        read(HEADER + "<message from='alice@a.test' to='bob@james.test'><body>never");

        await().atMost(Duration.ofSeconds(5)).until(this::deadlineMissed);
    }

    @Test
    void startTagThatNeverEndsShouldMissTheDeadline() {
        read(HEADER + "<message a='");

        await().atMost(Duration.ofSeconds(5)).until(this::deadlineMissed);
    }

    @Test
    void completeStanzasAndWhitespaceShouldNotMissTheDeadline() {
        read(HEADER + "<message from='alice@a.test' to='bob@james.test'/>  \n");

        await().during(DEADLINE.multipliedBy(3)).atMost(Duration.ofSeconds(5)).until(() -> !deadlineMissed());
    }

    @Test
    void eachStanzaShouldGetItsOwnDeadline() {
        read(HEADER + "<message from='alice@a.test' to='bob@james.test'><body>1");
        for (int i = 0; i < 4; i++) {
            await().pollDelay(DEADLINE.dividedBy(2)).until(() -> true);
            read("</body></message><message from='alice@a.test' to='bob@james.test'><body>" + i);
        }

        assertThat(deadlineMissed()).isFalse();
    }
}
