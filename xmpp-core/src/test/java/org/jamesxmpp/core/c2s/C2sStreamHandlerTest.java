package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jivesoftware.smack.packet.Stanza;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import com.google.common.collect.ImmutableList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.string.StringEncoder;

/** The client stream state machine on an embedded channel (no TLS configured, so {@code tlsRequired} is off). */
class C2sStreamHandlerTest {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
        + " xmlns:stream='http://etherx.jabber.org/streams' to='james.test' version='1.0'>";

    private static final EntityBareJid BOB = JidCreate.entityBareFromOrThrowUnchecked("bob@james.test");

    private final List<Stanza> routed = new CopyOnWriteArrayList<>();
    private SessionRegistry sessions;
    private EmbeddedChannel channel;
    private C2sContext context;
    private C2sStreamHandler testee;

    @BeforeEach
    void setUp() {
        C2sSettings settings = new C2sSettings(ImmutableList.of(), Optional.empty(), false, new C2sLimits(64 * 1024,
            Duration.ofMinutes(1), Duration.ofMinutes(1), 2, Duration.ZERO, 10, 2));
        sessions = new SessionRegistry(settings.limits().maxResourcesPerUser());
        ClientAuthenticator authenticator = (user, password) -> CompletableFuture.completedFuture(
            "bob@james.test".equals(user.toString()) && "secret".equals(password));
        context = new C2sContext(settings, LocalDomains.of("james.test"), Optional.empty(), authenticator,
            (session, stanza) -> routed.add(stanza), sessions);
        testee = new C2sStreamHandler(context);
        channel = new EmbeddedChannel(new XmppStreamDecoder(settings.limits().maxStanzaSize()), new StringEncoder(StandardCharsets.UTF_8),
            testee);
    }

    private String send(String xml) {
        channel.writeInbound(Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
        StringBuilder out = new StringBuilder();
        for (ByteBuf buffer = channel.readOutbound(); buffer != null; buffer = channel.readOutbound()) {
            out.append(buffer.toString(StandardCharsets.UTF_8));
            buffer.release();
        }
        return out.toString();
    }

    private static String plain(String user, String password) {
        return "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
            + Base64.getEncoder().encodeToString(("\u0000" + user + "\u0000" + password).getBytes(StandardCharsets.UTF_8))
            + "</auth>";
    }

    private void bindAs(String resource) {
        assertThat(send(HEADER)).contains("xmlns='jabber:client'").contains("<mechanism>PLAIN</mechanism>");
        assertThat(send(plain("bob", "secret"))).contains("<success");
        assertThat(send(HEADER)).contains("urn:ietf:params:xml:ns:xmpp-bind");
        assertThat(send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
            + "</resource></bind></iq>")).contains("<jid>bob@james.test/" + resource + "</jid>");
    }

    @Test
    void streamShouldGoFromHeaderToBoundSession() {
        bindAs("phone");

        assertThat(testee.state()).isEqualTo(C2sStreamHandler.State.BOUND);
        assertThat(sessions.sessions(BOB)).extracting(session -> session.jid().toString())
            .containsExactly("bob@james.test/phone");
    }

    @Test
    void stanzaOnItsWayWhenTheClientClosesShouldBeWrittenBeforeTheClosingTag() {
        bindAs("phone");
        String message = "<message to='bob@james.test/phone'><body>last words</body></message>";
        assertThat(sessions.sessions(BOB).get(0).deliver(message)).isTrue();

        String out = send("</stream:stream>");

        assertThat(out).contains(message).endsWith("</stream:stream>");
        assertThat(out.indexOf(message)).isLessThan(out.indexOf("</stream:stream>"));
    }

    @Test
    void directTlsStreamShouldOfferSaslAndNoStartTlsThenBind() {
        testee = new C2sStreamHandler(context, true);
        channel = new EmbeddedChannel(new XmppStreamDecoder(context.settings().limits().maxStanzaSize()),
            new StringEncoder(StandardCharsets.UTF_8), testee);

        assertThat(send(HEADER)).contains("<mechanism>PLAIN</mechanism>").doesNotContain("starttls");
        assertThat(testee.state()).isEqualTo(C2sStreamHandler.State.SECURED);
        assertThat(send(plain("bob", "secret"))).contains("<success");
        assertThat(send(HEADER)).contains("urn:ietf:params:xml:ns:xmpp-bind");
    }

    @Test
    void startTlsOnADirectTlsStreamShouldEndTheStream() {
        testee = new C2sStreamHandler(context, true);
        channel = new EmbeddedChannel(new XmppStreamDecoder(context.settings().limits().maxStanzaSize()),
            new StringEncoder(StandardCharsets.UTF_8), testee);
        send(HEADER);

        assertThat(send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")).contains("<not-authorized");
        assertThat(testee.state()).isEqualTo(C2sStreamHandler.State.CLOSED);
    }

    /** A stream whose authenticator offers SCRAM-SHA-512 but has keys for nobody. */
    private void scramWithoutKeys() {
        ClientAuthenticator scram = new ClientAuthenticator() {
            @Override
            public CompletableFuture<Boolean> authenticate(EntityBareJid user, String password) {
                return CompletableFuture.completedFuture(false);
            }

            @Override
            public boolean offersScramSha512() {
                return true;
            }
        };
        C2sContext scramContext = new C2sContext(context.settings(), LocalDomains.of("james.test"), Optional.empty(), scram,
            (session, stanza) -> routed.add(stanza), sessions);
        testee = new C2sStreamHandler(scramContext);
        channel = new EmbeddedChannel(new XmppStreamDecoder(context.settings().limits().maxStanzaSize()),
            new StringEncoder(StandardCharsets.UTF_8), testee);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainOnlyShouldBeOfferedWhenTheAuthenticatorHasNoScram() {
        assertThat(send(HEADER)).contains("<mechanism>PLAIN</mechanism>").doesNotContain("SCRAM");
    }

    @Test
    void scramExchangeForAUserWithoutKeysShouldRunToItsEndAndBeNotAuthorized() {
        scramWithoutKeys();
        assertThat(send(HEADER)).contains("<mechanism>SCRAM-SHA-512</mechanism><mechanism>PLAIN</mechanism>");

        String challenge = send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-512'>"
            + base64("n,,n=nobody,r=abcdef") + "</auth>");
        String serverFirst = new String(Base64.getDecoder().decode(challenge.replaceAll(".*<challenge[^>]*>([^<]*)</challenge>.*", "$1")),
            StandardCharsets.UTF_8);
        assertThat(serverFirst).startsWith("r=abcdef").contains(",s=" + base64("nobody@james.test") + ",i=1000");
        String nonce = serverFirst.substring(2, serverFirst.indexOf(','));

        assertThat(send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + base64("c=biws,r=" + nonce + ",p="
            + base64("not a proof")) + "</response>")).contains("<not-authorized/>");
        assertThat(testee.state()).isEqualTo(C2sStreamHandler.State.CONNECTED);
    }

    @Test
    void responseWithoutChallengeShouldBeMalformed() {
        scramWithoutKeys();
        send(HEADER);

        assertThat(send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + base64("c=biws") + "</response>"))
            .contains("<malformed-request/>");
    }

    @Test
    void wrongPasswordShouldBeNotAuthorizedThenCloseAfterTheLimit() {
        send(HEADER);

        assertThat(send(plain("bob", "wrong"))).contains("<not-authorized/>");
        assertThat(send(plain("bob", "wrong"))).contains("<not-authorized/>").contains("<policy-violation");
        assertThat(testee.state()).isEqualTo(C2sStreamHandler.State.CLOSED);
    }

    @Test
    void stanzaBeforeAuthenticationShouldEndTheStream() {
        send(HEADER);

        assertThat(send("<message to='alice@james.test'><body>hi</body></message>")).contains("<not-authorized");
        assertThat(testee.state()).isEqualTo(C2sStreamHandler.State.CLOSED);
        assertThat(routed).isEmpty();
    }

    @Test
    void unknownDomainShouldBeHostUnknown() {
        assertThat(send(HEADER.replace("james.test", "other.test"))).contains("<host-unknown");
    }

    @Test
    void messageShouldBeRoutedWithTheFullJidAsFrom() {
        bindAs("phone");

        send("<message to='alice@james.test' type='chat' id='m1'><body>hi</body></message>");

        assertThat(routed).hasSize(1);
        assertThat(routed.get(0).getFrom().toString()).isEqualTo("bob@james.test/phone");
    }

    @Test
    void multicastToTheServerShouldBeAdvertisedAndRoutedWhenItsAddressesCanBeServed() {
        bindAs("phone");

        assertThat(send("<iq type='get' id='d1' to='james.test'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"))
            .contains("<feature var='http://jabber.org/protocol/address'/>");
        assertThat(send("<message to='james.test' id='m1'><body>hi</body><addresses xmlns='http://jabber.org/protocol/address'>"
            + "<address type='to' jid='ann@mailonly.test'/><address type='bcc' jid='cid@mailonly.test'/></addresses></message>"))
            .isEmpty();

        assertThat(routed).hasSize(1);
        assertThat(routed.get(0).getTo().toString()).isEqualTo("james.test");
    }

    @Test
    void multicastWithAMalformedAddressShouldBeRefusedAndRouteNothing() {
        bindAs("phone");

        assertThat(send("<message to='james.test' id='m2'><body>hi</body><addresses xmlns='http://jabber.org/protocol/address'>"
            + "<address type='to' jid='ann@mailonly.test'/><address type='cc' jid='@mailonly.test'/></addresses></message>"))
            .contains("<message type='error' id='m2' from='james.test'><error type='modify'><jid-malformed");
        assertThat(routed).isEmpty();
        assertThat(testee.state()).isNotEqualTo(C2sStreamHandler.State.CLOSED);
    }

    @Test
    void spoofedFromShouldEndTheStreamAndRouteNothing() {
        bindAs("phone");

        assertThat(send("<message from='alice@james.test' to='carol@james.test'><body>hi</body></message>"))
            .contains("<invalid-from");
        assertThat(routed).isEmpty();
        assertThat(testee.state()).isEqualTo(C2sStreamHandler.State.CLOSED);
        assertThat(sessions.sessions(BOB)).isEmpty();
    }

    @Test
    void pingToTheServerShouldBeAnswered() {
        bindAs("phone");

        assertThat(send("<iq type='get' id='p1' to='james.test'><ping xmlns='urn:xmpp:ping'/></iq>"))
            .contains("<iq type='result' id='p1' from='james.test'");
        assertThat(routed).isEmpty();
    }

    @Test
    void carbonsShouldBeAdvertisedAndSwitchedPerSession() {
        bindAs("phone");
        ClientSession phone = sessions.sessions(BOB).get(0);

        assertThat(send("<iq type='get' id='d1' to='james.test'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"))
            .contains("<feature var='urn:xmpp:carbons:2'/>");
        assertThat(send("<iq type='set' id='c1'><enable xmlns='urn:xmpp:carbons:2'/></iq>"))
            .contains("<iq type='result' id='c1'");
        assertThat(phone.carbonsEnabled()).isTrue();
        assertThat(send("<iq type='set' id='c2'><disable xmlns='urn:xmpp:carbons:2'/></iq>"))
            .contains("<iq type='result' id='c2'");
        assertThat(phone.carbonsEnabled()).isFalse();
        assertThat(routed).isEmpty();
    }

    @Test
    void archiveFormAndPreferencesShouldBeAnsweredAndOnlyAlwaysAccepted() {
        bindAs("phone");

        assertThat(send("<iq type='get' id='f1'><query xmlns='urn:xmpp:mam:2'/></iq>"))
            .contains("<iq type='result' id='f1'")
            .contains("<field type='jid-single' var='with'/>", "var='start'", "var='end'");
        assertThat(send("<iq type='set' id='p1'><prefs xmlns='urn:xmpp:mam:2' default='always'><always/><never/></prefs></iq>"))
            .contains("<iq type='result' id='p1'").contains("default='always'");
        assertThat(send("<iq type='set' id='p2'><prefs xmlns='urn:xmpp:mam:2' default='never'/></iq>"))
            .contains("<iq type='error' id='p2'").contains("<feature-not-implemented");
        assertThat(routed).isEmpty();
    }

    @Test
    void subscriptionShouldBeStampedWithTheBareJid() {
        bindAs("phone");

        send("<presence to='alice@james.test' type='subscribe'/>");
        send("<presence to='alice@james.test' type='probe'/>");

        assertThat(routed).extracting(stanza -> stanza.getFrom().toString())
            .containsExactly("bob@james.test", "bob@james.test/phone");
    }
}
