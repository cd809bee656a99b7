package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.DomainPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

class OutgoingStreamPiggybackTest {
    static final DomainPair PAIR = new DomainPair("james.test", "a.test");
    static final DomainPair OTHER = new DomainPair("other.test", "a.test");
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    EmbeddedChannel channel;
    ChannelHandlerContext context;
    OutgoingStream testee;
    List<String> requested = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    List<OutgoingStream> established = new ArrayList<>();
    List<PendingStanza> resubmitted = new ArrayList<>();

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        channel.freezeTime();
        context = channel.pipeline().firstContext();
        testee = new OutgoingStream(PAIR, channel.eventLoop(), 30, ANSWER_TIMEOUT,
            any -> { }, resubmitted::add, new StreamEvents() {
                @Override
                public void established(OutgoingStream stream) {
                    established.add(stream);
                }

                @Override
                public void piggybackRefused(OutgoingStream stream, String localDomain) {
                    refused.add(localDomain);
                }
            });
    }

    private CompletableFuture<Void> enqueue(DomainPair pair, String id) {
        return EmbeddedStream.enqueue(channel, testee, pair, id);
    }

    private List<Object> written() {
        return EmbeddedStream.written(channel);
    }

    private void establishWithPiggybacking() {
        testee.established(new StanzaWire(context), false, Optional.of(requested::add));
    }

    @Test
    void establishedShouldBeReported() {
        establishWithPiggybacking();

        assertThat(established).containsExactly(testee);
        assertThat(testee.acceptsPiggyback()).isTrue();
    }

    @Test
    void stanzaOfAnotherLocalDomainShouldWaitForItsDialbackAnswer() {
        establishWithPiggybacking();

        enqueue(OTHER, "o1");

        assertThat(requested).containsExactly("other.test");
        assertThat(written()).isEmpty();
        assertThat(testee.isIdle()).isFalse();
    }

    @Test
    void validAnswerShouldWriteTheHeldStanzasOnThisStream() {
        establishWithPiggybacking();
        enqueue(OTHER, "o1");
        enqueue(OTHER, "o2");

        testee.piggybackAnswered("other.test", true);
        enqueue(OTHER, "o3");

        assertThat(requested).as("one db:result per domain").containsExactly("other.test");
        assertThat(written().stream().filter(element -> element.toString().startsWith("<message")))
            .containsExactly("<message id='o1'/>", "<message id='o2'/>", "<message id='o3'/>");
    }

    @Test
    void requestShouldWaitUntilTheStreamIsEstablished() {
        enqueue(OTHER, "o1");

        assertThat(requested).isEmpty();
        testee.established(new StanzaWire(context), false, Optional.of(requested::add));
        assertThat(requested).containsExactly("other.test");
    }

    @Test
    void refusedAnswerShouldHandTheHeldStanzasBackAndStopPiggybacking() {
        establishWithPiggybacking();
        enqueue(OTHER, "o1");

        testee.piggybackAnswered("other.test", false);

        assertThat(refused).containsExactly("other.test");
        assertThat(resubmitted).extracting(PendingStanza::xml).containsExactly("<message id='o1'/>");
        assertThat(testee.acceptsPiggyback()).isFalse();
        assertThat(written()).isEmpty();
    }

    @Test
    void missingAnswerShouldCountAsRefusal() {
        establishWithPiggybacking();
        enqueue(OTHER, "o1");

        channel.advanceTimeBy(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(refused).containsExactly("other.test");
        assertThat(resubmitted).hasSize(1);
    }

    @Test
    void answerForADomainNeverRequestedShouldBeIgnored() {
        establishWithPiggybacking();

        testee.piggybackAnswered("other.test", true);
        enqueue(OTHER, "o1");

        assertThat(written()).isEmpty();
        assertThat(requested).containsExactly("other.test");
    }

    @Test
    void streamBreakingWhileWaitingShouldRequeueTheHeldStanzasAndStopPiggybackingToThatPeer() {
        establishWithPiggybacking();
        enqueue(OTHER, "o1");

        testee.terminated(new TerminationCause(DeliveryException.Reason.STREAM_BROKEN, "unsupported-stanza-type"));

        assertThat(refused).containsExactly("other.test");
        assertThat(resubmitted).extracting(PendingStanza::xml).containsExactly("<message id='o1'/>");
        assertThat(testee.acceptsPiggyback()).isFalse();
    }

    @Test
    void streamWithoutPiggybackAuthenticatorShouldNotAcceptPiggybacking() {
        testee.established(new StanzaWire(context), false, Optional.empty());

        assertThat(testee.acceptsPiggyback()).isFalse();
    }
}
