package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.DeliveryException.Reason;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

/** Every way a stream we opened can end settles everything it carried, through the one close path. */
class OutboundClosePathTest {
    static final DomainPair PAIR = new DomainPair("james.test", "a.test");
    static final DomainPair OTHER = new DomainPair("other.test", "a.test");
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String PEER_HEADER = "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
        + " xmlns:db='jabber:server:dialback' from='a.test' to='james.test' id='peer-id' version='1.0'>";
    static final String DIALBACK_FEATURES = "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>";
    static final DialbackKeys KEYS = new DialbackKeys("secret");

    /** How the stream ends, and the reason what it carried fails with: while negotiating, and once established. */
    enum Ending {
        PEER_CLOSED(Reason.STREAM_BROKEN, Reason.STREAM_BROKEN),
        PEER_STREAM_ERROR(Reason.AUTHENTICATION_FAILED, Reason.STREAM_BROKEN),
        PEER_STREAM_ERROR_THEN_CLOSE(Reason.AUTHENTICATION_FAILED, Reason.STREAM_BROKEN),
        HOSTILE_INPUT(Reason.STREAM_BROKEN, Reason.STREAM_BROKEN),
        CONNECTION_LOST(Reason.STREAM_BROKEN, Reason.STREAM_BROKEN),
        CHANNEL_FAILURE(Reason.STREAM_BROKEN, Reason.STREAM_BROKEN),
        NO_ANSWER_IN_TIME(Reason.REMOTE_SERVER_TIMEOUT, Reason.REMOTE_SERVER_TIMEOUT),
        CLOSED_BY_US(Reason.STREAM_BROKEN, Reason.STREAM_BROKEN),
        ABORTED_BY_US(Reason.REMOTE_SERVER_TIMEOUT, Reason.REMOTE_SERVER_TIMEOUT);

        final Reason whileNegotiating;
        final Reason onceEstablished;

        Ending(Reason whileNegotiating, Reason onceEstablished) {
            this.whileNegotiating = whileNegotiating;
            this.onceEstablished = onceEstablished;
        }
    }

    EmbeddedChannel channel;
    List<PendingStanza> resubmitted = new ArrayList<>();
    OutgoingStream stream;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        stream = new OutgoingStream(PAIR, channel.eventLoop(), 10, TIMEOUT, any -> { }, resubmitted::add);
    }

    private OutboundStreamHandler connectStream() {
        OutboundStreamHandler handler = new OutboundStreamHandler(PAIR, stream, KEYS, Optional.empty(), true,
            new StreamManagementSupport(), TIMEOUT);
        connect(handler);
        return handler;
    }

    private void connect(ChannelHandler handler) {
        channel.pipeline().addLast(new XmppStreamDecoder(S2sSettings.DEFAULT_MAX_STANZA_SIZE), handler);
        channel.pipeline().fireChannelActive();
        exchange("");
    }

    private String exchange(String input) {
        return EmbeddedStream.exchange(channel, input);
    }

    private CompletableFuture<Void> enqueue(DomainPair pair, String id) {
        return EmbeddedStream.enqueue(channel, stream, pair, id);
    }

    private void end(Ending ending) {
        switch (ending) {
            case PEER_CLOSED -> exchange("</stream:stream>");
            case PEER_STREAM_ERROR -> exchange(streamError("policy-violation"));
            case PEER_STREAM_ERROR_THEN_CLOSE -> exchange(streamError("system-shutdown") + "</stream:stream>");
            case HOSTILE_INPUT -> exchange("<?evil stuff?>");
            case CONNECTION_LOST -> channel.close();
            case CHANNEL_FAILURE -> channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
            case NO_ANSWER_IN_TIME -> passTime();
            case CLOSED_BY_US -> channel.pipeline().fireUserEventTriggered(new CloseRequest(
                new TerminationCause(Reason.STREAM_BROKEN, "idle stream closed"), false));
            case ABORTED_BY_US -> channel.pipeline().fireUserEventTriggered(new CloseRequest(
                new TerminationCause(Reason.REMOTE_SERVER_TIMEOUT, "no acknowledgement in time"), true));
        }
        channel.runPendingTasks();
        passTime();
    }

    private void passTime() {
        channel.advanceTimeBy(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private static String streamError(String condition) {
        return "<stream:error><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>";
    }

    private static Reason reason(CompletableFuture<Void> delivery) {
        return delivery.handle((any, error) -> ((DeliveryException) error).reason()).join();
    }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void everyQueuedStanzaShouldFailWithTheCauseWhenTheStreamEndsWhileNegotiating(Ending ending) {
        OutboundStreamHandler testee = connectStream();
        List<CompletableFuture<Void>> queued = List.of(enqueue(PAIR, "m1"), enqueue(PAIR, "m2"));
        exchange(PEER_HEADER + DIALBACK_FEATURES);
        assertThat(testee.state()).isEqualTo(OutboundStreamHandler.State.DIALBACK);

        end(ending);

        assertThat(channel.isOpen()).isFalse();
        assertThat(testee.state()).isEqualTo(OutboundStreamHandler.State.CLOSED);
        assertThat(queued).allSatisfy(delivery -> assertThat(reason(delivery)).isEqualTo(ending.whileNegotiating));
        assertThat(resubmitted).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void writtenStanzasShouldFailAndHeldOnesGoOnANewStreamWhenAnEstablishedStreamEnds(Ending ending) {
        OutboundStreamHandler testee = connectStream();
        CompletableFuture<Void> written = enqueue(PAIR, "m1");
        exchange(PEER_HEADER + DIALBACK_FEATURES);
        exchange("<db:result from='a.test' to='james.test' type='valid'/>");
        assertThat(exchange("<enabled xmlns='urn:xmpp:sm:3'/>")).startsWith("<message id='m1'/>");
        CompletableFuture<Void> held = enqueue(OTHER, "o1");
        assertThat(testee.state()).isEqualTo(OutboundStreamHandler.State.ESTABLISHED);

        end(ending);

        assertThat(channel.isOpen()).isFalse();
        assertThat(testee.state()).isEqualTo(OutboundStreamHandler.State.CLOSED);
        assertThat(written).as("what the peer did not acknowledge is never delivered").isCompletedExceptionally();
        assertThat(reason(written)).isEqualTo(ending.onceEstablished);
        assertThat(held).isNotDone();
        assertThat(resubmitted).extracting(PendingStanza::delivery).containsExactly(held);
    }

    @Test
    void peerStreamErrorShouldBeTheCauseWhateverComesAfterIt() {
        connectStream();
        CompletableFuture<Void> queued = enqueue(PAIR, "m1");
        exchange(PEER_HEADER + DIALBACK_FEATURES);

        exchange(streamError("not-authorized"));
        channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        channel.runPendingTasks();

        assertThat(reason(queued)).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(queued).failsWithin(Duration.ZERO).withThrowableOfType(Exception.class)
            .withMessageContaining("stream error not-authorized from a.test");
    }

    @Test
    void closeShouldSendOurStreamCloseOnceAndEndAtOnceWhenAskedAgain() {
        OutboundStreamHandler testee = connectStream();
        CompletableFuture<Void> queued = enqueue(PAIR, "m1");
        exchange(PEER_HEADER + DIALBACK_FEATURES);

        String closing = exchange(streamError("policy-violation"));
        assertThat(testee.state()).isEqualTo(OutboundStreamHandler.State.CLOSING);
        channel.pipeline().fireUserEventTriggered(new CloseRequest(new TerminationCause(Reason.STREAM_BROKEN, "idle"),
            false));
        channel.runPendingTasks();

        assertThat(closing).isEqualTo("</stream:stream>");
        assertThat(channel.isOpen()).isFalse();
        assertThat(testee.state()).isEqualTo(OutboundStreamHandler.State.CLOSED);
        assertThat(reason(queued)).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void unansweredVerificationShouldReportTheServerUnreachableHoweverItEnds(Ending ending) {
        CompletableFuture<DialbackOutcome> outcome = new CompletableFuture<>();
        DialbackVerifyHandler testee = new DialbackVerifyHandler(new DialbackVerification(PAIR, "their-id", "k3y",
            outcome), Optional.empty(), TIMEOUT);
        connect(testee);
        assertThat(exchange(PEER_HEADER + DIALBACK_FEATURES)).contains("<db:verify");
        assertThat(testee.state()).isEqualTo(DialbackVerifyHandler.State.VERIFYING);

        end(ending);

        assertThat(channel.isOpen()).isFalse();
        assertThat(testee.state()).isEqualTo(DialbackVerifyHandler.State.CLOSED);
        assertThat(outcome).isCompletedWithValue(DialbackOutcome.UNREACHABLE);
    }

    @Test
    void answeredVerificationShouldKeepItsAnswerWhenTheStreamEnds() {
        CompletableFuture<DialbackOutcome> outcome = new CompletableFuture<>();
        DialbackVerifyHandler testee = new DialbackVerifyHandler(new DialbackVerification(PAIR, "their-id", "k3y",
            outcome), Optional.empty(), TIMEOUT);
        connect(testee);
        exchange(PEER_HEADER + DIALBACK_FEATURES);

        assertThat(exchange("<db:verify from='a.test' to='james.test' id='their-id' type='invalid'/>"))
            .isEqualTo("</stream:stream>");
        exchange("</stream:stream>");

        assertThat(channel.isOpen()).isFalse();
        assertThat(outcome).isCompletedWithValue(DialbackOutcome.INVALID);
    }
}
