package org.jamesxmpp.core.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jamesxmpp.core.routing.StaticRoute;
import org.jamesxmpp.core.store.MemoryDialbackSecretStore;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Two of our domains to one Prosody: the second one is piggybacked on the first one's stream. */
class S2sPiggybackWithProsodyTest {
    static final String LOCAL_DOMAIN = "james.test";
    static final String LOCAL_ADDRESS = "127.0.30.3";
    static final String OTHER_DOMAIN = "other.test";
    static final String OTHER_ADDRESS = "127.0.30.4";
    static final String PEER_DOMAIN = "a.test";
    static final String PEER_ADDRESS = "127.0.30.2";

    ProsodyPeer prosody;
    S2sServer testee;

    @BeforeEach
    void setUp() {
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(LOCAL_DOMAIN, LOCAL_ADDRESS)
            .resolve(OTHER_DOMAIN, OTHER_ADDRESS)
            .user("alice", "secret")
            .start();
        testee = new S2sServer(S2sSettings.builder()
            .bind(new InetSocketAddress(LOCAL_ADDRESS, 5269))
            .bind(new InetSocketAddress(OTHER_ADDRESS, 5269))
            .route(new StaticRoute(PEER_DOMAIN, PEER_ADDRESS, 5269))
            .responseTimeout(Duration.ofSeconds(10))
            .build(), LocalDomains.of(LOCAL_DOMAIN, OTHER_DOMAIN), stanza -> CompletableFuture.completedFuture(null),
            new MemoryDialbackSecretStore(), Clock.systemUTC());
        testee.start();
    }

    @AfterEach
    void tearDown() {
        testee.stop();
        prosody.close();
    }

    private static Message message(String from, String body) {
        try {
            return StanzaBuilder.buildMessage().from(JidCreate.from(from)).to(JidCreate.from("alice@" + PEER_DOMAIN))
                .ofType(Message.Type.chat).setBody(body).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void prosodyShouldAcceptASecondLocalDomainOnTheSameConnection() throws Exception {
        try (SmackClient alice = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", "secret")) {
            testee.send(message("bob@" + LOCAL_DOMAIN, "from james")).toCompletableFuture().get(20, TimeUnit.SECONDS);
            testee.send(message("dan@" + OTHER_DOMAIN, "from other")).toCompletableFuture().get(20, TimeUnit.SECONDS);

            List<Message> got = alice.awaitMessages(m -> m.getBody() != null, 2, Duration.ofSeconds(10));

            assertThat(got).extracting(m -> m.getFrom().toString(), Message::getBody)
                .containsExactlyInAnyOrder(tuple("bob@" + LOCAL_DOMAIN, "from james"),
                    tuple("dan@" + OTHER_DOMAIN, "from other"));
            String log = prosody.log();
            assertThat(incomingSessionsAuthenticatedFor(log, OTHER_DOMAIN)).as(log)
                .hasSize(1)
                .isEqualTo(incomingSessionsAuthenticatedFor(log, LOCAL_DOMAIN));
        }
    }

    /** Prosody logs "s2sinID debug connection X->Y is now authenticated for X" once per domain and stream. */
    private static List<String> incomingSessionsAuthenticatedFor(String log, String domain) {
        Pattern pattern = Pattern.compile("\\s(s2sin\\w+)\\s+debug\\s+connection .* is now authenticated for "
            + Pattern.quote(domain) + "$");
        return log.lines()
            .map(pattern::matcher)
            .filter(Matcher::find)
            .map(matcher -> matcher.group(1))
            .toList();
    }
}
