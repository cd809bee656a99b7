package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.DomainPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.string.StringEncoder;

class OutgoingStreamTest {
    static final DomainPair PAIR = new DomainPair("james.test", "a.test");
    static final int MAX_QUEUED = 30;

    EmbeddedChannel channel;
    ChannelHandlerContext context;
    OutgoingStream testee;
    List<OutgoingStream> ended = new ArrayList<>();
    List<PendingStanza> resubmitted = new ArrayList<>();

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        channel.freezeTime();
        context = channel.pipeline().firstContext();
        testee = new OutgoingStream(PAIR, channel.eventLoop(), MAX_QUEUED, Duration.ofSeconds(30),
            ended::add, resubmitted::add);
    }

    private CompletableFuture<Void> enqueue(int index) {
        CompletableFuture<Void> delivery = new CompletableFuture<>();
        testee.enqueue(new PendingStanza(PAIR, Optional.of("m" + index), "bob@james.test", "alice@a.test",
            "<message id='m" + index + "'/>", delivery));
        channel.runPendingTasks();
        return delivery;
    }

    private List<Object> written() {
        return EmbeddedStream.written(channel);
    }

    @Test
    void stanzasShouldWaitUntilTheStreamIsEstablished() {
        CompletableFuture<Void> delivery = enqueue(0);

        assertThat(written()).isEmpty();
        testee.established(new StanzaWire(context), true, Optional.empty());
        assertThat(written()).containsExactly("<message id='m0'/>", "<r xmlns='urn:xmpp:sm:3'/>");
        assertThat(delivery).isNotDone();
    }

    @Test
    void ackShouldCompleteExactlyTheAcknowledgedStanzasInOrder() {
        testee.established(new StanzaWire(context), true, Optional.empty());
        List<CompletableFuture<Void>> deliveries = IntStream.range(0, 3).mapToObj(this::enqueue).toList();

        testee.acked(2);

        assertThat(deliveries.get(0)).isCompleted();
        assertThat(deliveries.get(1)).isCompleted();
        assertThat(deliveries.get(2)).isNotDone();
    }

    @Test
    void ackRequestShouldFollowEveryTenStanzas() {
        enqueueWhileNotEstablished(25);

        testee.established(new StanzaWire(context), true, Optional.empty());

        List<Object> written = written();
        assertThat(written.stream().filter("<r xmlns='urn:xmpp:sm:3'/>"::equals)).hasSize(3);
        assertThat(written.get(10)).isEqualTo("<r xmlns='urn:xmpp:sm:3'/>");
        assertThat(written.get(written.size() - 1)).isEqualTo("<r xmlns='urn:xmpp:sm:3'/>");
    }

    private List<CompletableFuture<Void>> enqueueWhileNotEstablished(int count) {
        return IntStream.range(0, count).mapToObj(this::enqueue).toList();
    }

    @Test
    void brokenStreamShouldFailUnacknowledgedAndQueuedStanzas() {
        testee.established(new StanzaWire(context), true, Optional.empty());
        CompletableFuture<Void> acked = enqueue(0);
        CompletableFuture<Void> unacked = enqueue(1);
        testee.acked(1);

        testee.terminated(new TerminationCause(DeliveryException.Reason.STREAM_BROKEN, "reset"));

        assertThat(acked).isCompleted();
        assertThatThrownBy(unacked::join).hasCauseInstanceOf(DeliveryException.class);
        assertThat(reason(unacked)).isEqualTo(DeliveryException.Reason.STREAM_BROKEN);
        assertThat(ended).containsExactly(testee);
    }

    @Test
    void queuedStanzasShouldTakeTheTerminationReason() {
        CompletableFuture<Void> queued = enqueue(0);

        testee.terminated(new TerminationCause(DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND, "refused"));

        assertThat(reason(queued)).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND);
    }

    @Test
    void retryableTerminationShouldResubmitQueuedStanzas() {
        CompletableFuture<Void> queued = enqueue(0);

        testee.terminated(new TerminationCause(DeliveryException.Reason.STREAM_BROKEN, "no sm", true));

        assertThat(queued).isNotDone();
        assertThat(resubmitted).hasSize(1);
    }

    @Test
    void stanzaEnqueuedAfterTerminationShouldBeResubmitted() {
        testee.terminated(new TerminationCause(DeliveryException.Reason.STREAM_BROKEN, "gone"));

        enqueue(0);

        assertThat(resubmitted).hasSize(1);
    }

    private void useChannelThatFillsAfterOneStanza() {
        channel = new EmbeddedChannel(new StringEncoder(StandardCharsets.UTF_8), new ChannelInboundHandlerAdapter());
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        testee = new OutgoingStream(PAIR, channel.eventLoop(), MAX_QUEUED, Duration.ofSeconds(30),
            ended::add, resubmitted::add);
    }

    @Test
    void stanzasNeverWrittenWhenAnEstablishedStreamBreaksShouldGoOnANewStreamOnce() {
        useChannelThatFillsAfterOneStanza();
        CompletableFuture<Void> written = enqueue(0);
        CompletableFuture<Void> neverWritten = enqueue(1);
        testee.established(new StanzaWire(channel.pipeline().lastContext()), true, Optional.empty());

        testee.terminated(new TerminationCause(DeliveryException.Reason.STREAM_BROKEN, "reset"));

        assertThat(reason(written)).isEqualTo(DeliveryException.Reason.STREAM_BROKEN);
        assertThat(neverWritten).isNotDone();
        assertThat(resubmitted).extracting(PendingStanza::attempt).containsExactly(1);
    }

    @Test
    void requeuedStanzaShouldFailWhenItsSecondStreamBreaksToo() {
        useChannelThatFillsAfterOneStanza();
        enqueue(0);
        CompletableFuture<Void> requeued = new CompletableFuture<>();
        testee.enqueue(new PendingStanza(PAIR, Optional.empty(), "bob@james.test", "alice@a.test", "<message/>",
            requeued, 1));
        channel.runPendingTasks();
        testee.established(new StanzaWire(channel.pipeline().lastContext()), true, Optional.empty());

        testee.terminated(new TerminationCause(DeliveryException.Reason.STREAM_BROKEN, "reset again"));

        assertThat(reason(requeued)).isEqualTo(DeliveryException.Reason.STREAM_BROKEN);
        assertThat(resubmitted).isEmpty();
    }

    @Test
    void queueShouldRefuseBeyondItsBound() {
        enqueueWhileNotEstablished(MAX_QUEUED);

        CompletableFuture<Void> oneTooMany = enqueue(MAX_QUEUED);

        assertThat(reason(oneTooMany)).isEqualTo(DeliveryException.Reason.QUEUE_FULL);
    }

    @Test
    void ackBeyondWhatWasSentShouldBeRefused() {
        testee.established(new StanzaWire(context), true, Optional.empty());
        enqueue(0);

        assertThatThrownBy(() -> testee.acked(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutStreamManagementBatchShouldBeFollowedByAPingWhoseAnswerDeliversIt() {
        List<CompletableFuture<Void>> deliveries = enqueueWhileNotEstablished(2);
        testee.established(new StanzaWire(context), false, Optional.empty());

        List<Object> written = written();
        assertThat(written).hasSize(3).startsWith("<message id='m0'/>", "<message id='m1'/>");
        assertThat(written.get(2).toString()).startsWith("<iq type='get' from='james.test' to='a.test' id='jx-ack-")
            .endsWith("'><ping xmlns='urn:xmpp:ping'/></iq>");
        channel.advanceTimeBy(20, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(deliveries).noneMatch(CompletableFuture::isDone);

        testee.pingAnswered(pingId(written.get(2)));
        channel.runPendingTasks();

        assertThat(deliveries).allMatch(delivery -> delivery.isDone() && !delivery.isCompletedExceptionally());
    }

    @Test
    void withoutStreamManagementPingShouldFollowEveryTenStanzas() {
        enqueueWhileNotEstablished(25);

        testee.established(new StanzaWire(context), false, Optional.empty());

        List<Object> written = written();
        assertThat(written.stream().filter(OutgoingStreamTest::isPing)).hasSize(3);
        assertThat(isPing(written.get(10))).isTrue();
        assertThat(isPing(written.get(written.size() - 1))).isTrue();
    }

    @Test
    void answerToAPingShouldDeliverOnlyTheStanzasWrittenBeforeIt() {
        testee.established(new StanzaWire(context), false, Optional.empty());
        CompletableFuture<Void> first = enqueue(0);
        String firstPing = pingId(written().get(1));
        CompletableFuture<Void> second = enqueue(1);
        String secondPing = pingId(written().get(1));

        testee.pingAnswered(firstPing);
        channel.runPendingTasks();

        assertThat(first).isCompleted();
        assertThat(second).isNotDone();
        testee.pingAnswered(secondPing);
        channel.runPendingTasks();
        assertThat(second).isCompleted();
    }

    @Test
    void answerToALaterPingShouldAlsoAcknowledgeTheEarlierOnes() {
        testee.established(new StanzaWire(context), false, Optional.empty());
        CompletableFuture<Void> first = enqueue(0);
        CompletableFuture<Void> second = enqueue(1);
        List<Object> written = written();

        testee.pingAnswered(pingId(written.get(3)));
        channel.runPendingTasks();

        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
    }

    @Test
    void answerToAnUnknownPingShouldDeliverNothing() {
        testee.established(new StanzaWire(context), false, Optional.empty());
        CompletableFuture<Void> delivery = enqueue(0);

        testee.pingAnswered("jx-ack-someone-else-0");
        channel.runPendingTasks();

        assertThat(delivery).isNotDone();
    }

    @Test
    void withoutStreamManagementStanzaNotAwaitingAckShouldBeDeliveredOnceWrittenAndAskForNoPing() {
        testee.established(new StanzaWire(context), false, Optional.empty());
        CompletableFuture<Void> answer = new CompletableFuture<>();

        testee.enqueue(new PendingStanza(PAIR, Optional.empty(), "james.test", "a.test",
            "<iq type='result' id='p1'/>", answer, 0, false));
        channel.runPendingTasks();

        assertThat(written()).containsExactly("<iq type='result' id='p1'/>");
        assertThat(answer).isCompleted();
        assertThat(testee.isIdle()).isTrue();
    }

    @Test
    void withoutStreamManagementBrokenStreamShouldFailStanzasWaitingForThePingAnswer() {
        testee.established(new StanzaWire(context), false, Optional.empty());
        CompletableFuture<Void> delivery = enqueue(0);

        testee.terminated(new TerminationCause(DeliveryException.Reason.STREAM_BROKEN, "reset"));

        assertThat(reason(delivery)).isEqualTo(DeliveryException.Reason.STREAM_BROKEN);
    }

    @Test
    void withoutStreamManagementCleanCloseShouldFailStanzasWaitingForThePingAnswer() {
        testee.established(new StanzaWire(context), false, Optional.empty());
        CompletableFuture<Void> delivery = enqueue(0);

        testee.terminated(new TerminationCause(DeliveryException.Reason.STREAM_BROKEN, "closed"));

        assertThat(reason(delivery)).isEqualTo(DeliveryException.Reason.STREAM_BROKEN);
    }

    private static boolean isPing(Object written) {
        return written.toString().contains("<ping xmlns='urn:xmpp:ping'/>");
    }

    private static String pingId(Object ping) {
        Matcher matcher = Pattern.compile(" id='([^']+)'").matcher(ping.toString());
        assertThat(matcher.find()).as("a ping: " + ping).isTrue();
        return matcher.group(1);
    }

    private static DeliveryException.Reason reason(CompletableFuture<Void> delivery) {
        return delivery.handle((any, error) -> ((DeliveryException) error).reason()).join();
    }
}
