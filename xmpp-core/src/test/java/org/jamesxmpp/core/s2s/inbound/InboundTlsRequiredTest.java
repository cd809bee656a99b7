package org.jamesxmpp.core.s2s.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jamesxmpp.core.routing.S2sRouter;
import org.jamesxmpp.core.s2s.KeyStoreSettings;
import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.S2sSettings;
import org.jamesxmpp.core.s2s.TlsSettings;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.core.s2s.outbound.OutboundConnector;
import org.jamesxmpp.core.s2s.outbound.OutgoingStreams;
import org.jamesxmpp.core.s2s.outbound.RemoteDialbackVerifier;
import org.jamesxmpp.core.s2s.tls.TlsContexts;
import org.jamesxmpp.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.ssl.SslHandler;

class InboundTlsRequiredTest {
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server'"
        + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback'"
        + " from='a.test' to='james.test' version='1.0'>";

    @TempDir
    Path directory;
    NioEventLoopGroup group;
    EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        group = new NioEventLoopGroup(1);
        Path keyStore = TestPki.create().issue("james.test").writeKeyStore(directory.resolve("k.p12"), "changeit");
        TlsSettings tlsSettings = new TlsSettings(new KeyStoreSettings(keyStore, "PKCS12", "changeit"), Optional.empty(),
            true, true);
        TlsContexts contexts = new TlsContexts(tlsSettings);
        S2sSettings settings = S2sSettings.builder().tls(contexts).build();
        DialbackKeys keys = new DialbackKeys("secret");
        Optional<TlsContexts> tls = Optional.of(contexts);
        OutboundConnector connector = new OutboundConnector(new S2sRouter(List.of(), Clock.systemUTC()), settings, keys,
            tls, Runnable::run);
        InboundContext context = new InboundContext(settings, LocalDomains.of("james.test"), keys, tls,
            new RemoteDialbackVerifier(group, connector),
            new InboundStanzas(LocalDomains.of("james.test"), stanza -> CompletableFuture.completedFuture(null),
                new OutgoingStreams(group, connector, settings, Clock.systemUTC())));
        channel = new EmbeddedChannel(new XmppStreamDecoder(S2sSettings.DEFAULT_MAX_STANZA_SIZE),
            new StringEncoder(StandardCharsets.UTF_8), new InboundStreamHandler(context));
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        group.shutdownGracefully();
    }

    private String exchange(String input) {
        channel.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        Object written;
        while ((written = channel.readOutbound()) != null) {
            ByteBuf buffer = (ByteBuf) written;
            output.append(buffer.toString(StandardCharsets.UTF_8));
            buffer.release();
        }
        return output.toString();
    }

    @Test
    void featuresShouldOfferOnlyRequiredStartTls() {
        String answer = exchange(HEADER);

        assertThat(answer).contains("<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/>"
            + "</starttls></stream:features>");
        assertThat(answer).doesNotContain("dialback xmlns='urn:xmpp:features:dialback'");
    }

    @Test
    void dialbackBeforeStartTlsShouldBePolicyViolation() {
        exchange(HEADER);

        String answer = exchange("<db:result from='a.test' to='james.test'>abc</db:result>");

        assertThat(answer).contains("<policy-violation");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void startTlsShouldProceedAndInsertTheTlsHandler() {
        exchange(HEADER);

        String answer = exchange("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");

        assertThat(answer).contains("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        assertThat(channel.pipeline().first()).isInstanceOf(SslHandler.class);
    }
}
