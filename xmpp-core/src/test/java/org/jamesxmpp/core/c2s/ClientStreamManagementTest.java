package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jamesxmpp.core.s2s.LocalDomains;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.jivesoftware.smack.packet.Stanza;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.string.StringEncoder;

/** XEP-0198 acknowledgements and resumption, with embedded channels as the client's connections. */
class ClientStreamManagementTest {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
        + " xmlns:stream='http://etherx.jabber.org/streams' to='james.test' version='1.0'>";
    private static final EntityBareJid BOB = JidCreate.entityBareFromOrThrowUnchecked("bob@james.test");
    private static final Pattern RESUMPTION_ID = Pattern.compile("<enabled xmlns='urn:xmpp:sm:3' id='([^']+)' resume='true' max='60'/>");
    private static final int MAX_UNACKNOWLEDGED = 3;

    private final List<Stanza> routed = new CopyOnWriteArrayList<>();
    private final List<ClientSession> ended = new CopyOnWriteArrayList<>();
    private SessionRegistry sessions;
    private C2sContext context;

    @BeforeEach
    void setUp() {
        C2sSettings settings = new C2sSettings(ImmutableList.of(), Optional.empty(), false, new C2sLimits(64 * 1024,
            Duration.ofMinutes(10), Duration.ofMinutes(1), 2, Duration.ZERO, 10, 2, MAX_UNACKNOWLEDGED, Duration.ofMinutes(1)));
        sessions = new SessionRegistry(settings.limits().maxResourcesPerUser());
        ClientAuthenticator authenticator = (user, password) -> CompletableFuture.completedFuture(
            ImmutableSet.of("bob@james.test", "alice@james.test").contains(user.toString()) && "secret".equals(password));
        ClientStanzaRouter router = new ClientStanzaRouter() {
            @Override
            public void route(ClientSession session, Stanza stanza) {
                routed.add(stanza);
            }

            @Override
            public void ended(ClientSession session) {
                ended.add(session);
            }
        };
        context = new C2sContext(settings, LocalDomains.of("james.test"), Optional.empty(), authenticator, router, sessions);
    }

    /** One connection of a client. */
    private final class Connection {
        private final C2sStreamHandler handler = new C2sStreamHandler(context);
        private final EmbeddedChannel channel = new EmbeddedChannel(
            new XmppStreamDecoder(context.settings().limits().maxStanzaSize()), new StringEncoder(StandardCharsets.UTF_8), handler);

        String send(String xml) {
            channel.writeInbound(Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
            return output();
        }

        String output() {
            channel.runPendingTasks();
            channel.runScheduledPendingTasks();
            StringBuilder out = new StringBuilder();
            for (ByteBuf buffer = channel.readOutbound(); buffer != null; buffer = channel.readOutbound()) {
                out.append(buffer.toString(StandardCharsets.UTF_8));
                buffer.release();
            }
            return out.toString();
        }

        void authenticate(String user) {
            assertThat(send(HEADER)).contains("<mechanism>PLAIN</mechanism>");
            assertThat(send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + Base64.getEncoder()
                .encodeToString(("\u0000" + user + "\u0000secret").getBytes(StandardCharsets.UTF_8)) + "</auth>"))
                .contains("<success");
            assertThat(send(HEADER)).contains("<sm xmlns='urn:xmpp:sm:3'/>");
        }

        void bind(String resource) {
            assertThat(send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>")).contains("/" + resource + "</jid>");
        }

        /** Logged in as bob/phone with resumption enabled; the resumption id. */
        String enableResumption() {
            authenticate("bob");
            bind("phone");
            Matcher enabled = RESUMPTION_ID.matcher(send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>"));
            assertThat(enabled.find()).isTrue();
            return enabled.group(1);
        }

        /** The connection is lost (an embedded channel's close() would also cancel the tasks it scheduled). */
        void drop() {
            channel.pipeline().fireChannelInactive();
            channel.runPendingTasks();
        }
    }

    private ChannelSession bob() {
        return (ChannelSession) sessions.sessions(BOB).get(0);
    }

    private static String message(String body) {
        return "<message to='bob@james.test/phone' type='chat'><body>" + body + "</body></message>";
    }

    @Test
    void requestShouldBeAnsweredWithTheStanzasHandledSinceEnable() {
        Connection connection = new Connection();
        connection.authenticate("bob");
        assertThat(connection.send("<enable xmlns='urn:xmpp:sm:3'/>")).contains("<failed").contains("unexpected-request");
        connection.bind("phone");
        connection.send("<message to='alice@james.test'><body>before</body></message>");

        assertThat(connection.send("<enable xmlns='urn:xmpp:sm:3'/>")).isEqualTo("<enabled xmlns='urn:xmpp:sm:3'/>");
        connection.send("<message to='alice@james.test'><body>1</body></message>"
            + "<message to='alice@james.test'><body>2</body></message>");

        assertThat(connection.send("<r xmlns='urn:xmpp:sm:3'/>")).isEqualTo("<a xmlns='urn:xmpp:sm:3' h='2'/>");
        assertThat(routed).hasSize(3);
    }

    @Test
    void stanzasToTheClientShouldBeFollowedByOneRequestUntilItIsAnswered() {
        Connection connection = new Connection();
        connection.enableResumption();

        bob().deliver(message("1"));
        bob().deliver(message("2"));
        assertThat(connection.output()).isEqualTo(message("1") + "<r xmlns='urn:xmpp:sm:3'/>" + message("2"));

        connection.send("<a xmlns='urn:xmpp:sm:3' h='2'/>");
        bob().deliver(message("3"));
        assertThat(connection.output()).isEqualTo(message("3") + "<r xmlns='urn:xmpp:sm:3'/>");
    }

    @Test
    void droppedConnectionShouldBeResumedWithWhatTheClientDidNotAcknowledge() {
        Connection first = new Connection();
        String id = first.enableResumption();
        first.send("<message to='alice@james.test'><body>sent</body></message>");
        bob().deliver(message("got"));
        bob().deliver(message("lost"));
        first.send("<a xmlns='urn:xmpp:sm:3' h='1'/>");
        first.drop();

        assertThat(bob().deliver(message("while away"))).isTrue();
        assertThat(ended).isEmpty();
        Connection second = new Connection();
        second.authenticate("bob");

        assertThat(second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='1'/>"))
            .isEqualTo("<resumed xmlns='urn:xmpp:sm:3' h='1' previd='" + id + "'/>" + message("lost") + message("while away")
                + "<r xmlns='urn:xmpp:sm:3'/>");
        assertThat(second.handler.state()).isEqualTo(C2sStreamHandler.State.BOUND);
        second.send("<message to='alice@james.test'><body>after</body></message>");
        assertThat(second.send("<r xmlns='urn:xmpp:sm:3'/>")).isEqualTo("<a xmlns='urn:xmpp:sm:3' h='2'/>");
        assertThat(sessions.sessions(BOB)).hasSize(1);
    }

    @Test
    void resumptionShouldTakeTheSessionFromAConnectionNotYetSeenDropped() {
        Connection first = new Connection();
        String id = first.enableResumption();
        bob().deliver(message("unacknowledged"));
        first.output();
        Connection second = new Connection();
        second.authenticate("bob");

        assertThat(second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>")).contains(message("unacknowledged"));
        first.channel.runPendingTasks();

        assertThat(first.channel.isActive()).isFalse();
        assertThat(ended).isEmpty();
        assertThat(sessions.sessions(BOB)).hasSize(1);
        bob().deliver(message("next"));
        assertThat(second.output()).contains(message("next"));
    }

    @Test
    void unknownIdOrAnotherUsersSessionShouldFailAndLetTheClientBind() {
        Connection first = new Connection();
        String id = first.enableResumption();
        first.drop();
        Connection alice = new Connection();
        alice.authenticate("alice");

        assertThat(alice.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>")).contains("<failed")
            .contains("item-not-found");
        assertThat(alice.send("<resume xmlns='urn:xmpp:sm:3' previd='nope' h='0'/>")).contains("item-not-found");
        alice.bind("laptop");
        assertThat(sessions.sessions(BOB)).hasSize(1);
    }

    @Test
    void sessionNotResumedInTimeShouldEnd() {
        Connection first = new Connection();
        String id = first.enableResumption();
        first.drop();

        first.channel.advanceTimeBy(61, TimeUnit.SECONDS);
        first.channel.runScheduledPendingTasks();

        assertThat(sessions.sessions(BOB)).isEmpty();
        assertThat(ended).hasSize(1);
        Connection second = new Connection();
        second.authenticate("bob");
        assertThat(second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>")).contains("item-not-found");
    }

    @Test
    void newStreamBindingTheResourceOfASessionAwayShouldTakeIt() {
        Connection first = new Connection();
        String id = first.enableResumption();
        ChannelSession away = bob();
        first.drop();

        Connection second = new Connection();
        second.authenticate("bob");
        second.bind("phone");

        assertThat(ended).containsExactly(away);
        assertThat(sessions.sessions(BOB)).extracting(session -> session.jid().toString()).containsExactly("bob@james.test/phone");
        assertThat(bob()).isNotSameAs(away);
        Connection third = new Connection();
        third.authenticate("bob");
        assertThat(third.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>")).contains("item-not-found");
    }

    @Test
    void resourceOfAConnectedSessionShouldStillGetASuffix() {
        Connection first = new Connection();
        first.enableResumption();

        Connection second = new Connection();
        second.authenticate("bob");
        assertThat(second.send("<iq type='set' id='b2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>phone"
            + "</resource></bind></iq>")).contains("<jid>bob@james.test/phone-");
        assertThat(ended).isEmpty();
    }

    @Test
    void closedStreamOrStreamManagementWithoutResumptionShouldEndTheSession() {
        Connection closing = new Connection();
        closing.enableResumption();
        closing.send("</stream:stream>");
        assertThat(sessions.sessions(BOB)).isEmpty();

        Connection dropping = new Connection();
        dropping.authenticate("bob");
        dropping.bind("phone");
        dropping.send("<enable xmlns='urn:xmpp:sm:3'/>");
        dropping.drop();
        assertThat(sessions.sessions(BOB)).isEmpty();
        assertThat(ended).hasSize(2);
    }

    @Test
    void acknowledgingMoreThanWasSentShouldEndTheStream() {
        Connection connection = new Connection();
        connection.enableResumption();
        bob().deliver(message("1"));

        assertThat(connection.send("<a xmlns='urn:xmpp:sm:3' h='2'/>")).contains("<undefined-condition");
        assertThat(sessions.sessions(BOB)).isEmpty();
    }

    @Test
    void clientThatLetsTooManyStanzasWaitShouldLoseItsStream() {
        Connection connection = new Connection();
        connection.enableResumption();
        for (int i = 0; i < MAX_UNACKNOWLEDGED; i++) {
            assertThat(bob().deliver(message("m" + i))).isTrue();
        }
        ChannelSession bob = bob();

        assertThat(bob.deliver(message("one too many"))).isFalse();
        assertThat(connection.output()).contains("<resource-constraint");
        assertThat(sessions.sessions(BOB)).isEmpty();
        assertThat(ended).containsExactly(bob);
    }

    @Test
    void awaySessionThatOverflowsShouldEnd() {
        Connection connection = new Connection();
        String id = connection.enableResumption();
        connection.drop();
        for (int i = 0; i < MAX_UNACKNOWLEDGED; i++) {
            bob().deliver(message("m" + i));
        }
        ChannelSession bob = bob();

        assertThat(bob.deliver(message("one too many"))).isFalse();
        connection.channel.runPendingTasks();
        assertThat(sessions.sessions(BOB)).isEmpty();
        assertThat(ended).containsExactly(bob);
        Connection second = new Connection();
        second.authenticate("bob");
        assertThat(second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + id + "' h='0'/>")).contains("item-not-found");
    }
}
