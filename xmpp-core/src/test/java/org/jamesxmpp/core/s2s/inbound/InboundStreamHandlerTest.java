package org.jamesxmpp.core.s2s.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.InboundLimits;
import org.jamesxmpp.core.s2s.InboundStanza;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.outbound.DialbackVerification.DialbackOutcome;
import org.jamesxmpp.core.s2s.outbound.OutboundConnector;
import org.jamesxmpp.core.s2s.outbound.OutgoingStreams;
import org.jamesxmpp.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;

class InboundStreamHandlerTest {
    static final String SECRET = "s3cret";
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server'"
        + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback'"
        + " from='a.test' to='james.test' version='1.0'>";

    NioEventLoopGroup group;
    EmbeddedChannel channel;
    DialbackOutcome verification = DialbackOutcome.VALID;
    List<String> verified = new ArrayList<>();
    List<InboundStanza> handled = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    CompletableFuture<Void> handling = CompletableFuture.completedFuture(null);
    boolean answerLater;
    List<CompletableFuture<DialbackOutcome>> pendingVerifications = new ArrayList<>();

    @BeforeEach
    void setUp() {
        group = new NioEventLoopGroup(1);
        channel = channel(S2sSettings.builder().build());
    }

    private EmbeddedChannel channel(S2sSettings settings) {
        return channel(context(settings));
    }

    private EmbeddedChannel channel(InboundContext context) {
        return new EmbeddedChannel(new XmppStreamDecoder(S2sSettings.DEFAULT_MAX_STANZA_SIZE),
            new InboundStreamHandler(context));
    }

    private InboundContext context(S2sSettings settings) {
        DialbackKeys keys = new DialbackKeys(SECRET);
        OutboundConnector connector = new OutboundConnector(new S2sRouter(List.of(), Clock.systemUTC()), settings, keys,
            Optional.empty(), Runnable::run);
        OutgoingStreams outgoing = new OutgoingStreams(group, connector, settings, Clock.systemUTC());
        return new InboundContext(settings, LocalDomains.of("james.test"), keys, Optional.empty(),
            (receiving, originating, streamId, key) -> {
                verified.add(receiving + " " + originating + " " + key);
                if (answerLater) {
                    CompletableFuture<DialbackOutcome> later = new CompletableFuture<>();
                    pendingVerifications.add(later);
                    return later;
                }
                return CompletableFuture.completedFuture(verification);
            },
            new InboundStanzas(LocalDomains.of("james.test"), stanza -> {
                handled.add(stanza);
                return handling;
            }, outgoing) {
                @Override
                public CompletionStage<Void> accept(XmlElement element, Map<DomainPair, AuthMethod> authenticated,
                                                    boolean tls, SocketAddress remoteAddress) {
                    accepted.add(element.name());
                    return super.accept(element, authenticated, tls, remoteAddress);
                }
            });
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        group.shutdownGracefully();
    }

    private String exchange(String input) {
        channel.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.UTF_8));
        return drain();
    }

    private String drain() {
        channel.runPendingTasks();
        StringBuilder output = new StringBuilder();
        Object written;
        while ((written = channel.readOutbound()) != null) {
            output.append(written);
        }
        return output.toString();
    }

    private String streamId(String header) {
        Matcher matcher = Pattern.compile("id='([^']+)'").matcher(header);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    void headerShouldBeAnsweredWithHeaderAndDialbackFeatures() {
        String answer = exchange(HEADER);

        assertThat(answer).contains("<stream:stream xmlns='jabber:server'", "from='james.test'", "to='a.test'",
            "version='1.0'", "<dialback xmlns='urn:xmpp:features:dialback'>", "<sm xmlns='urn:xmpp:sm:3'/>");
        assertThat(answer).doesNotContain("starttls");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void headerToDomainWeDoNotServeShouldGetHostUnknown() {
        String answer = exchange(HEADER.replace("to='james.test'", "to='other.test'"));

        assertThat(answer).contains("<stream:stream", "<host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>",
            "</stream:stream>");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void clientNamespaceShouldGetInvalidNamespace() {
        String answer = exchange(HEADER.replace("xmlns='jabber:server'", "xmlns='jabber:client'"));

        assertThat(answer).contains("<invalid-namespace");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void stanzaBeforeAuthenticationShouldGetNotAuthorized() {
        exchange(HEADER);

        String answer = exchange("<message from='alice@a.test' to='bob@james.test'><body>hi</body></message>");

        assertThat(answer).contains("<not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>", "</stream:stream>");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void dialbackVerifyShouldBeValidForOurOwnKey() {
        String header = exchange(HEADER);
        String key = new DialbackKeys(SECRET).key("a.test", "james.test", "their-stream");

        String answer = exchange("<db:verify from='a.test' to='james.test' id='their-stream'>" + key + "</db:verify>");

        assertThat(header).isNotEmpty();
        assertThat(answer).isEqualTo("<db:verify from='james.test' to='a.test' id='their-stream' type='valid'/>");
    }

    @Test
    void dialbackVerifyShouldBeInvalidForAnotherKey() {
        exchange(HEADER);
        String key = new DialbackKeys("another secret").key("a.test", "james.test", "their-stream");

        String answer = exchange("<db:verify from='a.test' to='james.test' id='their-stream'>" + key + "</db:verify>");

        assertThat(answer).isEqualTo("<db:verify from='james.test' to='a.test' id='their-stream' type='invalid'/>");
    }

    @Test
    void dialbackResultToDomainWeDoNotServeShouldGetHostUnknown() {
        exchange(HEADER);

        String answer = exchange("<db:result from='a.test' to='other.test'>abc</db:result>");

        assertThat(answer).contains("<host-unknown");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void streamManagementShouldFailBeforeAuthentication() {
        exchange(HEADER);

        String answer = exchange("<enable xmlns='urn:xmpp:sm:3'/>");

        assertThat(answer).startsWith("<failed xmlns='urn:xmpp:sm:3'>");
    }

    @Test
    void unknownTopLevelElementShouldGetUnsupportedStanzaType() {
        exchange(HEADER);

        String answer = exchange("<foo xmlns='urn:example'/>");

        assertThat(answer).contains("<unsupported-stanza-type");
    }

    @Test
    void streamEndShouldBeAnsweredAndClosed() {
        exchange(HEADER);

        String answer = exchange("</stream:stream>");

        assertThat(answer).isEqualTo("</stream:stream>");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void streamIdShouldDifferBetweenStreams() {
        String first = streamId(exchange(HEADER));

        EmbeddedChannel previous = channel;
        setUp();
        String second = streamId(exchange(HEADER));
        previous.finishAndReleaseAll();

        assertThat(first).isNotEqualTo(second);
    }

    private void authenticate() {
        exchange(HEADER);
        String answer = exchange("<db:result from='a.test' to='james.test'>key1</db:result>") + drain();
        assertThat(answer).isEqualTo("<db:result from='james.test' to='a.test' type='valid'/>");
    }

    @Test
    void dialbackResultShouldBeVerifiedAndAnsweredValid() {
        authenticate();

        assertThat(verified).containsExactly("james.test a.test key1");
    }

    @Test
    void dialbackResultShouldBeAnsweredInvalidAndTheStreamClosedWhenTheAuthoritativeServerDenies() {
        verification = DialbackOutcome.INVALID;
        exchange(HEADER);
        String answer = exchange("<db:result from='a.test' to='james.test'>forged</db:result>") + drain();

        assertThat(answer).contains("<db:result from='james.test' to='a.test' type='invalid'/>", "<not-authorized");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void dialbackResultShouldBeAnsweredErrorAndTheStreamEndedWhenTheAuthoritativeServerIsUnreachable() {
        verification = DialbackOutcome.UNREACHABLE;
        exchange(HEADER);
        String answer = exchange("<db:result from='a.test' to='james.test'>key</db:result>") + drain();

        assertThat(answer).contains("type='error'", "<remote-server-not-found",
            "<remote-connection-failed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>", "</stream:stream>");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void unreachablePiggybackedDomainShouldBeRefusedAndTheStreamKept() {
        authenticate();
        verification = DialbackOutcome.UNREACHABLE;

        String answer = exchange("<db:result from='c.test' to='james.test'>key</db:result>") + drain();

        assertThat(answer).isEqualTo("<db:result from='james.test' to='c.test' type='error'><error type='cancel'>"
            + "<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></db:result>");
        assertThat(channel.isActive()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.5", "[::1]", "::1", "localhost", "intranet", "db.internal",
        "printer.local", "2130706433"})
    void dialbackResultFromSomethingElseThanADomainNameShouldGetInvalidFromWithoutDialingOut(String from) {
        exchange(HEADER);

        String answer = exchange("<db:result from='" + from + "' to='james.test'>key</db:result>") + drain();

        assertThat(answer).contains("<invalid-from xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>", "</stream:stream>");
        assertThat(verified).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void dialbackResultFromAStaticallyRoutedInternalNameShouldBeVerified() {
        channel.finishAndReleaseAll();
        channel = channel(S2sSettings.builder().route(new StaticRoute("chat.internal", "10.0.0.5", 5269)).build());
        exchange(HEADER);

        String answer = exchange("<db:result from='chat.internal' to='james.test'>key</db:result>") + drain();

        assertThat(answer).isEqualTo("<db:result from='james.test' to='chat.internal' type='valid'/>");
    }

    @Test
    void tooManyPendingVerificationsOnOneStreamShouldGetPolicyViolation() {
        answerLater = true;
        exchange(HEADER);
        StringBuilder answers = new StringBuilder();

        for (int i = 0; i <= S2sSettings.DEFAULT_MAX_PENDING_VERIFICATIONS_PER_STREAM; i++) {
            answers.append(exchange("<db:result from='d" + i + ".test' to='james.test'>key</db:result>"));
        }

        assertThat(answers.toString()).contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        assertThat(verified).hasSize(S2sSettings.DEFAULT_MAX_PENDING_VERIFICATIONS_PER_STREAM);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void answeredVerificationsShouldNotCountAgainstTheStreamLimit() {
        answerLater = true;
        exchange(HEADER);
        exchange("<db:result from='a.test' to='james.test'>key</db:result>");
        pendingVerifications.get(0).complete(DialbackOutcome.VALID);
        drain();

        for (int i = 0; i < S2sSettings.DEFAULT_MAX_PENDING_VERIFICATIONS_PER_STREAM; i++) {
            exchange("<db:result from='d" + i + ".test' to='james.test'>key</db:result>");
        }

        assertThat(verified).hasSize(S2sSettings.DEFAULT_MAX_PENDING_VERIFICATIONS_PER_STREAM + 1);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void busyVerifierShouldEndAnUnauthenticatedStreamWithResourceConstraint() {
        verification = DialbackOutcome.BUSY;
        exchange(HEADER);

        String answer = exchange("<db:result from='a.test' to='james.test'>key</db:result>") + drain();

        assertThat(answer).contains("<resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>", "</stream:stream>");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void authenticatedStanzaShouldReachTheHandler() {
        authenticate();

        exchange("<message from='alice@a.test/r' to='bob@james.test' id='s1'><body>hi</body></message>");

        assertThat(handled).hasSize(1);
        assertThat(handled.get(0).peerDomain()).isEqualTo("a.test");
        assertThat(handled.get(0).stanza().getStanzaId()).isEqualTo("s1");
    }

    @Test
    void stanzaFromAnotherDomainShouldGetInvalidFrom() {
        authenticate();

        String answer = exchange("<message from='eve@evil.test' to='bob@james.test'><body>hi</body></message>");

        assertThat(answer).contains("<invalid-from");
        assertThat(handled).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void stanzaToDomainWeDoNotServeShouldGetHostUnknown() {
        authenticate();

        String answer = exchange("<message from='alice@a.test' to='bob@other.test'><body>hi</body></message>");

        assertThat(answer).contains("<host-unknown");
    }

    @Test
    void ackShouldWaitForTheHandler() {
        authenticate();
        assertThat(exchange("<enable xmlns='urn:xmpp:sm:3'/>")).isEqualTo("<enabled xmlns='urn:xmpp:sm:3'/>");
        handling = new CompletableFuture<>();

        String early = exchange("<message from='alice@a.test' to='bob@james.test'><body>1</body></message>"
            + "<r xmlns='urn:xmpp:sm:3'/>") + drain();

        assertThat(early).isEmpty();
        handling.complete(null);
        assertThat(drain()).isEqualTo("<a xmlns='urn:xmpp:sm:3' h='1'/>");
    }

    @Test
    void readingShouldPauseWhileTooManyStanzasAreInTheHandler() {
        authenticate();
        handling = new CompletableFuture<>();

        for (int i = 0; i < 256; i++) {
            exchange("<message from='alice@a.test' to='bob@james.test'><body>" + i + "</body></message>");
        }

        assertThat(channel.config().isAutoRead()).isFalse();
        handling.complete(null);
        drain();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void pingShouldBeTakenUpOnlyOnceEveryStanzaBeforeItIsHandled() {
        authenticate();
        handling = new CompletableFuture<>();

        exchange("<message from='alice@a.test' to='bob@james.test'><body>1</body></message>"
            + "<iq type='get' id='p1' from='a.test' to='james.test'><ping xmlns='urn:xmpp:ping'/></iq>");

        assertThat(accepted).as("the ping's answer would tell the peer the message was processed").containsExactly("message");
        handling.complete(null);
        drain();
        assertThat(accepted).containsExactly("message", "iq");
    }

    @Test
    void answerToOurPingShouldBeTakenUpOnlyOnceEveryStanzaBeforeItIsHandled() {
        authenticate();
        handling = new CompletableFuture<>();

        exchange("<message from='alice@a.test' to='bob@james.test' type='error' id='m1'>"
            + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"
            + "<iq type='result' id='p1' from='a.test' to='james.test'/>");

        assertThat(accepted).as("the answer would settle as delivered the send the error before it fails")
            .containsExactly("message");
        handling.complete(null);
        drain();
        assertThat(accepted).containsExactly("message", "iq");
    }

    @Test
    void stanzaAfterAWaitingPingShouldNotWait() {
        authenticate();
        handling = new CompletableFuture<>();

        exchange("<message from='alice@a.test' to='bob@james.test'><body>1</body></message>"
            + "<iq type='get' id='p1' from='a.test' to='james.test'><ping xmlns='urn:xmpp:ping'/></iq>"
            + "<message from='alice@a.test' to='bob@james.test'><body>2</body></message>");

        assertThat(accepted).containsExactly("message", "message");
    }

    @Test
    void peerValuesShouldBeLoggedWithoutLineBreaks() {
        List<String> messages;
        try (LogCapture logs = LogCapture.of(InboundStreamHandler.class)) {
            exchange(HEADER.replace("from='a.test'", "from='a.test&#13;&#10;12:00:00.000 INFO  forged line'"));
            exchange("<message from='alice@a.test' to='bob@james.test'/>");
            channel = channel(S2sSettings.builder().build());
            exchange(HEADER.replace("to='james.test'", "to='x.test&#10;forged'"));
            messages = logs.messages();
        }

        assertThat(messages).hasSize(2);
        assertThat(messages).allSatisfy(message -> assertThat(message).doesNotContain("\n", "\r"));
        assertThat(messages.get(0)).contains("a.test\\r\\n12:00:00.000 INFO  forged line");
        assertThat(messages.get(1)).contains("x.test\\nforged");
    }

    @Test
    void handlerFailureQuotingThePeerShouldBeLoggedWithoutLineBreaks() {
        authenticate();
        handling = CompletableFuture.failedFuture(new IllegalStateException("no mailbox for x\r\n12:00:00.000 INFO  forged",
            new IllegalArgumentException("cause of x\nforged")));
        List<String> exceptions;
        try (LogCapture logs = LogCapture.of(InboundStanzas.class)) {
            exchange("<message from='alice@a.test/r' to='bob@james.test' id='s1'><body>hi</body></message>");
            exceptions = logs.exceptionMessages();
        }

        assertThat(exceptions).hasSize(2);
        assertThat(exceptions).allSatisfy(message -> assertThat(message).doesNotContain("\n", "\r"));
        assertThat(exceptions.get(0)).contains("java.lang.IllegalStateException: no mailbox for x\\r\\n12:00:00.000 INFO  forged");
        assertThat(exceptions.get(1)).contains("java.lang.IllegalArgumentException: cause of x\\nforged");
    }

    @Test
    void startTlsWithoutTlsConfiguredShouldGetFailureAndTheEnd() {
        exchange(HEADER);

        String answer = exchange("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");

        assertThat(answer).isEqualTo("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void restrictedXmlBeforeTheHeaderShouldBeAnsweredWithAHeaderAndTheError() {
        String answer = exchange("<?xml version='1.0'?><!DOCTYPE x>");

        assertThat(answer).startsWith("<?xml version='1.0'?><stream:stream xmlns='jabber:server'")
            .endsWith("<stream:error><restricted-xml xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                + "</stream:stream>");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void dialbackAnswerAfterTheStreamEndedShouldBeDropped() {
        answerLater = true;
        exchange(HEADER);
        exchange("<db:result from='a.test' to='james.test'>key</db:result>");
        exchange("</stream:stream>");

        pendingVerifications.get(0).complete(DialbackOutcome.VALID);

        assertThat(drain()).isEmpty();
    }

    @Test
    void readingShouldPauseWhileTheInFlightByteBudgetIsSpent() {
        channel.finishAndReleaseAll();
        channel = channel(S2sSettings.builder().inboundLimits(InboundLimits.defaults().withMaxInFlightBytes(1000)).build());
        authenticate();
        handling = new CompletableFuture<>();
        String message = "<message from='alice@a.test' to='bob@james.test'><body>" + "x".repeat(500) + "</body></message>";

        exchange(message);
        assertThat(channel.config().isAutoRead()).isTrue();
        exchange(message);

        assertThat(channel.config().isAutoRead()).isFalse();
        handling.complete(null);
        drain();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void domainAtItsStreamLimitShouldBeRefusedWithoutDialingOut() {
        channel.finishAndReleaseAll();
        InboundContext shared = context(S2sSettings.builder()
            .inboundLimits(InboundLimits.defaults().withMaxStreamsPerDomain(1)).build());
        channel = channel(shared);
        authenticate();
        EmbeddedChannel first = channel;
        channel = channel(shared);
        exchange(HEADER);

        String answer = exchange("<db:result from='a.test' to='james.test'>key2</db:result>") + drain();

        assertThat(answer).contains("<db:result from='james.test' to='a.test' type='error'><error type='cancel'>"
            + "<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></db:result>",
            "<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        assertThat(verified).containsExactly("james.test a.test key1");
        assertThat(channel.isActive()).isFalse();
        first.finishAndReleaseAll();
        channel = channel(shared);
        verified.clear();
        authenticate();
    }

    @Test
    void stanzaShouldBeHandledOnTheStanzaExecutor() {
        channel.finishAndReleaseAll();
        List<Runnable> queued = new ArrayList<>();
        AtomicBoolean holdBack = new AtomicBoolean();
        InboundContext base = context(S2sSettings.builder().build());
        channel = channel(new InboundContext(base.settings(), base.localDomains(), base.keys(), base.tls(), base.verifier(),
            base.stanzas(), task -> {
                if (holdBack.get()) {
                    queued.add(task);
                } else {
                    task.run();
                }
            }));
        authenticate();
        holdBack.set(true);

        exchange("<message from='alice@a.test' to='bob@james.test' id='s1'><body>hi</body></message>");

        assertThat(accepted).isEmpty();
        assertThat(queued).hasSize(1);
        queued.get(0).run();
        assertThat(accepted).containsExactly("message");
    }
}
