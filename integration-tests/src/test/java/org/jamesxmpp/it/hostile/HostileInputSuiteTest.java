package org.jamesxmpp.it.hostile;

import java.util.List;
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.RawS2sStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12's hostile-input suite: each case of {@link XmlCases}, {@link StreamCases}, {@link ContentCases} and
 * {@link LimitCases} against James in-process (its real s2s listener, mapping and mail pipeline), then a fresh
 * well-behaved peer must still be served: it authenticates by dialback on a new connection and gets a message
 * acknowledged (XEP-0198, which James answers only once the mail is spooled). The table is docs/security.md.
 */
class HostileInputSuiteTest {
    static final String FRESH_SOURCE = "127.0.90.11";

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build();

    private static HostilePeer peer;
    private static JamesUsers users;
    private static String watcher;

    static Stream<HostileCase> cases() {
        return Stream.of(XmlCases.all(), StreamCases.all(), ContentCases.all(), LimitCases.all())
            .flatMap(List::stream);
    }

    @BeforeEach
    void setUp(GuiceJamesServer server) throws Exception {
        if (peer == null) {
            users = new JamesUsers(server, HostilePeer.JAMES_DOMAIN, "secret").ensureDomain();
            watcher = users.create("watcher");
            peer = new HostilePeer();
        }
    }

    @AfterAll
    static void stopPeer() throws Exception {
        if (peer != null) {
            peer.close();
            peer = null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileInputShouldGetItsExactOutcomeAndTheListenerGoOn(HostileCase hostile) throws Exception {
        try (CaseRun run = new CaseRun(users, peer, hostile.name())) {
            hostile.check().run(run);
        }
        peer.releaseTarpit();
        assertAFreshPeerIsServed(hostile.name());
        peer.drain();
    }

    private static void assertAFreshPeerIsServed(String after) throws Exception {
        try (CaseRun fresh = new CaseRun(users, peer, "fresh-after-" + after)) {
            RawS2sStream stream = fresh.authenticated(FRESH_SOURCE);
            stream.send("<enable xmlns='urn:xmpp:sm:3'/>").await("<enabled xmlns='urn:xmpp:sm:3'/>");
            stream.send(fresh.message(watcher, "<body>still there</body>") + "<r xmlns='urn:xmpp:sm:3'/>")
                .await("<a xmlns='urn:xmpp:sm:3' h='1'/>");
        }
    }
}
