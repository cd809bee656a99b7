package org.jamesxmpp.core.s2s.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.KeyStoreSettings;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.TlsSettings;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.jamesxmpp.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

class OutboundStreamHandlerTest {
    static final DomainPair PAIR = new DomainPair("james.test", "a.test");
    static final String PEER_HEADER = "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
        + " xmlns:db='jabber:server:dialback' from='a.test' to='james.test' id='peer-id' version='1.0'>";
    static final String PEER_HEADER_WITHOUT_VERSION = "<stream:stream xmlns='jabber:server'"
        + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' from='a.test' to='james.test'"
        + " id='peer-id'>";
    static final String DIALBACK_FEATURES = "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>";
    static final DialbackKeys KEYS = new DialbackKeys("secret");

    EmbeddedChannel channel;
    StreamManagementSupport streamManagementSupport = new StreamManagementSupport();
    List<PendingStanza> resubmitted = new ArrayList<>();
    OutgoingStream stream;
    CompletableFuture<Void> delivery = new CompletableFuture<>();

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        stream = new OutgoingStream(PAIR, channel.eventLoop(), 10, Duration.ofSeconds(10),
            any -> { }, resubmitted::add);
        stream.enqueue(new PendingStanza(PAIR, Optional.of("m1"), "bob@james.test", "alice@a.test", "<message id='m1'/>",
            delivery));
        connect(stream);
    }

    private void connect(OutgoingStream stream) {
        connect(stream, Optional.empty());
    }

    private void connect(OutgoingStream stream, Optional<TlsContexts> tls) {
        connect(new OutboundStreamHandler(PAIR, stream, KEYS, tls, true, streamManagementSupport, Duration.ofSeconds(10)));
    }

    private void connect(DialbackVerification verification, Optional<TlsContexts> tls) {
        connect(new DialbackVerifyHandler(verification, tls, Duration.ofSeconds(10)));
    }

    private void connect(ChannelHandler handler) {
        channel.pipeline().addLast(new XmppStreamDecoder(S2sSettings.DEFAULT_MAX_STANZA_SIZE), handler);
        channel.pipeline().fireChannelActive();
        assertThat(exchange("")).startsWith("<?xml version='1.0'?><stream:stream xmlns='jabber:server'")
            .contains("from='james.test' to='a.test' version='1.0'>");
    }

    private String exchange(String input) {
        return EmbeddedStream.exchange(channel, input);
    }

    private static Optional<TlsContexts> requiredTls(Path directory) {
        Path keyStore = TestPki.create().issue("james.test").writeKeyStore(directory.resolve("k.p12"), "changeit");
        return Optional.of(new TlsContexts(new TlsSettings(new KeyStoreSettings(keyStore, "PKCS12", "changeit"),
            Optional.empty(), true, true)));
    }

    private void connectStreamRequiringTls(Path directory) {
        channel = new EmbeddedChannel();
        delivery = new CompletableFuture<>();
        stream = new OutgoingStream(PAIR, channel.eventLoop(), 10, Duration.ofSeconds(10),
            any -> { }, resubmitted::add);
        stream.enqueue(new PendingStanza(PAIR, Optional.of("m1"), "bob@james.test", "alice@a.test", "<message id='m1'/>",
            delivery));
        connect(stream, requiredTls(directory));
    }

    private DeliveryException.Reason failure() {
        return delivery.handle((any, error) -> ((DeliveryException) error).reason()).join();
    }

    @Test
    void dialbackShouldSendTheXep0185KeyForThePeerStreamId() {
        String answer = exchange(PEER_HEADER + DIALBACK_FEATURES);

        assertThat(answer).isEqualTo("<db:result from='james.test' to='a.test'>"
            + KEYS.key("a.test", "james.test", "peer-id") + "</db:result>");
    }

    @Test
    void validDialbackShouldEnableStreamManagementThenSendTheStanzas() {
        exchange(PEER_HEADER + DIALBACK_FEATURES);

        assertThat(exchange("<db:result from='a.test' to='james.test' type='valid'/>"))
            .isEqualTo("<enable xmlns='urn:xmpp:sm:3'/>");
        assertThat(exchange("<enabled xmlns='urn:xmpp:sm:3'/>"))
            .isEqualTo("<message id='m1'/><r xmlns='urn:xmpp:sm:3'/>");
        exchange("<a xmlns='urn:xmpp:sm:3' h='1'/>");

        assertThat(delivery).isCompleted();
    }

    @Test
    void secondLocalDomainShouldBeAuthenticatedOverTheEstablishedStream() {
        exchange(PEER_HEADER + DIALBACK_FEATURES);
        exchange("<db:result from='a.test' to='james.test' type='valid'/>");
        exchange("<enabled xmlns='urn:xmpp:sm:3'/>");
        DomainPair other = new DomainPair("other.test", "a.test");
        CompletableFuture<Void> otherDelivery = new CompletableFuture<>();

        stream.enqueue(new PendingStanza(other, Optional.of("o1"), "dan@other.test", "alice@a.test", "<message id='o1'/>",
            otherDelivery));

        assertThat(exchange("")).isEqualTo("<db:result from='other.test' to='a.test'>"
            + KEYS.key("a.test", "other.test", "peer-id") + "</db:result>");
        assertThat(exchange("<db:result from='a.test' to='other.test' type='valid'/>"))
            .isEqualTo("<message id='o1'/><r xmlns='urn:xmpp:sm:3'/>");
        exchange("<a xmlns='urn:xmpp:sm:3' h='2'/>");
        assertThat(otherDelivery).isCompleted();
    }

    @Test
    void missingAckShouldBreakTheStreamAndFailTheStanzaAsTimeout() {
        channel.freezeTime();
        exchange(PEER_HEADER + DIALBACK_FEATURES);
        exchange("<db:result from='a.test' to='james.test' type='valid'/>");
        exchange("<enabled xmlns='urn:xmpp:sm:3'/>");

        channel.advanceTimeBy(10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(failure()).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_TIMEOUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy-violation", "internal-server-error", "system-shutdown"})
    void streamErrorThenCloseShouldFailTheWrittenStanzaWithoutStreamManagement(String condition) {
        exchange(PEER_HEADER + DIALBACK_FEATURES);
        exchange("<db:result from='a.test' to='james.test' type='valid'/>");
        assertThat(exchange("<failed xmlns='urn:xmpp:sm:3'/>")).startsWith("<message id='m1'/>");

        exchange("<stream:error><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
            + "</stream:stream>");

        assertThat(channel.isOpen()).isFalse();
        assertThat(delivery).as("a stream error is no proof of delivery").isCompletedExceptionally();
        assertThat(failure()).isEqualTo(DeliveryException.Reason.STREAM_BROKEN);
    }

    @Test
    void unansweredPingShouldBreakTheStreamAndFailTheStanzaAsTimeoutWithoutStreamManagement() {
        channel.freezeTime();
        exchange(PEER_HEADER + DIALBACK_FEATURES);
        exchange("<db:result from='a.test' to='james.test' type='valid'/>");
        assertThat(exchange("<failed xmlns='urn:xmpp:sm:3'/>")).startsWith("<message id='m1'/>");

        channel.advanceTimeBy(10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(delivery).as("a stanza the peer never confirmed is not delivered").isCompletedExceptionally();
        assertThat(failure()).isEqualTo(DeliveryException.Reason.REMOTE_SERVER_TIMEOUT);
    }

    @Test
    void invalidDialbackShouldFailTheStanzasAsAuthenticationFailure() {
        exchange(PEER_HEADER + DIALBACK_FEATURES);

        exchange("<db:result from='a.test' to='james.test' type='invalid'/>");
        channel.close();

        assertThat(failure()).isEqualTo(DeliveryException.Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void requiredStartTlsWithoutTlsSettingsShouldFail() {
        exchange(PEER_HEADER + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
            + "</stream:features>");
        channel.close();

        assertThat(failure()).isEqualTo(DeliveryException.Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void peerHeaderWithoutVersionShouldGetNeitherDialbackNorStanzasWhenTlsIsRequired(@TempDir Path directory) {
        connectStreamRequiringTls(directory);

        String answer = exchange(PEER_HEADER_WITHOUT_VERSION);
        channel.close();

        assertThat(answer).isEqualTo("</stream:stream>");
        assertThat(failure()).isEqualTo(DeliveryException.Reason.AUTHENTICATION_FAILED);
        assertThat(delivery).isCompletedExceptionally()
            .failsWithin(Duration.ZERO)
            .withThrowableOfType(Exception.class)
            .withMessageContaining("TLS required");
        assertThat(resubmitted).isEmpty();
    }

    @Test
    void verificationShouldNotBeAskedInClearWhenTlsIsRequiredAndThePeerHeaderHasNoVersion(@TempDir Path directory) {
        channel = new EmbeddedChannel();
        CompletableFuture<DialbackOutcome> outcome = new CompletableFuture<>();
        connect(new DialbackVerification(PAIR, "their-id", "k3y", outcome), requiredTls(directory));

        String answer = exchange(PEER_HEADER_WITHOUT_VERSION);
        channel.close();

        assertThat(answer).doesNotContain("k3y");
        assertThat(outcome).isCompletedWithValue(DialbackOutcome.UNREACHABLE);
    }

    @Test
    void streamErrorAnsweringAnUnadvertisedEnableShouldRetryWithoutStreamManagement() {
        exchange(PEER_HEADER + DIALBACK_FEATURES);
        exchange("<db:result from='a.test' to='james.test' type='valid'/>");

        exchange("<stream:error><unsupported-stanza-type xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
        channel.close();

        assertThat(delivery).isNotDone();
        assertThat(resubmitted).hasSize(1);
        assertThat(streamManagementSupport.shouldTry("a.test", false)).isFalse();
    }

    @Test
    void unansweredUnadvertisedEnableShouldGoOnWithoutStreamManagementAndNotBeTriedAgain() {
        channel.freezeTime();
        exchange(PEER_HEADER + DIALBACK_FEATURES);
        assertThat(exchange("<db:result from='a.test' to='james.test' type='valid'/>"))
            .isEqualTo("<enable xmlns='urn:xmpp:sm:3'/>");

        channel.advanceTimeBy(10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(exchange("")).startsWith("<message id='m1'/><iq type='get' from='james.test' to='a.test'");
        assertThat(streamManagementSupport.shouldTry("a.test", false)).isFalse();
        assertThat(streamManagementSupport.shouldTry("a.test", true)).isTrue();
    }

    @Test
    void failedUnadvertisedEnableShouldNotBeTriedAgain() {
        exchange(PEER_HEADER + DIALBACK_FEATURES);
        exchange("<db:result from='a.test' to='james.test' type='valid'/>");

        assertThat(exchange("<failed xmlns='urn:xmpp:sm:3'/>"))
            .startsWith("<message id='m1'/><iq type='get' from='james.test' to='a.test'");
        assertThat(streamManagementSupport.shouldTry("a.test", false)).isFalse();
    }

    @Test
    void verificationShouldAskTheAuthoritativeServerAndReportItsAnswer() {
        channel = new EmbeddedChannel();
        CompletableFuture<DialbackOutcome> outcome = new CompletableFuture<>();
        connect(new DialbackVerification(PAIR, "their-id", "k3y", outcome), Optional.empty());

        assertThat(exchange(PEER_HEADER + DIALBACK_FEATURES))
            .isEqualTo("<db:verify from='james.test' to='a.test' id='their-id'>k3y</db:verify>");
        exchange("<db:verify from='a.test' to='james.test' id='their-id' type='valid'/>");

        assertThat(outcome).isCompletedWithValue(DialbackOutcome.VALID);
    }
}
