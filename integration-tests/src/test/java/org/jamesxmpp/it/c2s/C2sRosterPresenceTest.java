package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.ProsodyPeer;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Stored rosters, subscriptions and presence (RFC 6121) with real Smack clients: between two James users, and between
 * a James user and a Prosody user over s2s. Addresses: James s2s on 127.0.131.3:5269, Prosody ({@value #PEER_DOMAIN})
 * on 127.0.131.2.
 */
class C2sRosterPresenceTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final String PEER_DOMAIN = "rosterpeer.test";
    private static final String PEER_ADDRESS = "127.0.131.2";
    private static final String JAMES_S2S_ADDRESS = "127.0.131.3";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(TIMEOUT);

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(
        C2sTestUsers.s2sOnOwnAddresses(JAMES_S2S_ADDRESS, PEER_DOMAIN, PEER_ADDRESS));

    private static ProsodyPeer prosody;

    @BeforeAll
    static void startPeer(GuiceJamesServer server) throws Exception {
        new JamesUsers(server, DOMAIN, PASSWORD).ensureDomain();
        prosody = ProsodyPeer.builder(PEER_DOMAIN, PEER_ADDRESS)
            .resolve(DOMAIN, JAMES_S2S_ADDRESS)
            .user("alice", PASSWORD)
            .user("dave", PASSWORD)
            .start();
    }

    @AfterAll
    static void stopPeer() {
        prosody.close();
    }

    private static SmackClient login(GuiceJamesServer server, String user, String resource) {
        return new C2sTestUsers(server, DOMAIN, PASSWORD).login(user, resource);
    }

    private static String create(GuiceJamesServer server, String name) throws Exception {
        return new JamesUsers(server, DOMAIN, PASSWORD).create(name);
    }

    private static BareJid jid(String address) {
        return JidCreate.bareFromOrThrowUnchecked(address);
    }

    private static Roster roster(SmackClient client, Roster.SubscriptionMode mode) throws Exception {
        Roster roster = Roster.getInstanceFor(client.connection());
        roster.setSubscriptionMode(mode);
        roster.reloadAndWait();
        return roster;
    }

    private static void awaitEntry(Roster roster, BareJid contact, RosterPacket.ItemType type, boolean pending) {
        AWAIT.untilAsserted(() -> {
            RosterEntry entry = roster.getEntry(contact);
            assertThat(entry).as("entry for " + contact).isNotNull();
            assertThat(entry.getType()).isEqualTo(type);
            assertThat(entry.isSubscriptionPending()).isEqualTo(pending);
        });
    }

    private static List<Presence> presences(SmackClient client) {
        List<Presence> presences = new CopyOnWriteArrayList<>();
        client.connection().addAsyncStanzaListener(stanza -> presences.add((Presence) stanza), StanzaTypeFilter.PRESENCE);
        return presences;
    }

    private static void awaitPresence(List<Presence> presences, String fromBare, Presence.Type type) {
        AWAIT.untilAsserted(() -> assertThat(presences)
            .anyMatch(presence -> presence.getFrom() != null && presence.getFrom().asBareJid().equals(jid(fromBare))
                && presence.getType() == type));
    }

    @Test
    void localSubscriptionShouldBeStoredBothWaysAndBringPresence(GuiceJamesServer server) throws Exception {
        String bob = create(server, "bob-roster");
        String carol = create(server, "carol-roster");

        try (SmackClient carolClient = login(server, carol, "laptop")) {
            roster(carolClient, Roster.SubscriptionMode.accept_all);
            try (SmackClient bobClient = login(server, bob, "phone")) {
                List<Presence> atBob = presences(bobClient);
                Roster bobRoster = roster(bobClient, Roster.SubscriptionMode.manual);

                bobRoster.createItemAndRequestSubscription(jid(carol), "Carol", new String[] {"Friends"});

                awaitEntry(bobRoster, jid(carol), RosterPacket.ItemType.to, false);
                assertThat(bobRoster.getEntry(jid(carol)).getName()).isEqualTo("Carol");
                awaitEntry(Roster.getInstanceFor(carolClient.connection()), jid(bob), RosterPacket.ItemType.from, false);
                awaitPresence(atBob, carol, Presence.Type.available);
            }
        }

        try (SmackClient bobAgain = login(server, bob, "desktop")) {
            Roster stored = roster(bobAgain, Roster.SubscriptionMode.manual);
            assertThat(stored.getEntry(jid(carol)).getType()).isEqualTo(RosterPacket.ItemType.to);
            assertThat(stored.getEntry(jid(carol)).getGroups()).extracting("name").containsExactly("Friends");

            List<Presence> atBob = presences(bobAgain);
            try (SmackClient carolAgain = login(server, carol, "tablet")) {
                awaitPresence(atBob, carol, Presence.Type.available);
            }
            awaitPresence(atBob, carol, Presence.Type.unavailable);
        }
    }

    @Test
    void removingAContactShouldCancelTheSubscriptionOnTheirSide(GuiceJamesServer server) throws Exception {
        String bob = create(server, "bob-remove");
        String carol = create(server, "carol-remove");

        try (SmackClient carolClient = login(server, carol, "laptop");
             SmackClient bobClient = login(server, bob, "phone")) {
            Roster carolRoster = roster(carolClient, Roster.SubscriptionMode.accept_all);
            Roster bobRoster = roster(bobClient, Roster.SubscriptionMode.manual);
            bobRoster.createItemAndRequestSubscription(jid(carol), "Carol", null);
            awaitEntry(carolRoster, jid(bob), RosterPacket.ItemType.from, false);

            bobRoster.removeEntry(bobRoster.getEntry(jid(carol)));

            AWAIT.until(() -> bobRoster.getEntry(jid(carol)) == null);
            awaitEntry(carolRoster, jid(bob), RosterPacket.ItemType.none, false);
        }
    }

    @Test
    void subscriptionWithAProsodyUserShouldWorkBothWaysOverS2s(GuiceJamesServer server) throws Exception {
        String bob = create(server, "bob-s2s-roster");
        String alice = "alice@" + PEER_DOMAIN;

        try (SmackClient aliceClient = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "alice", PASSWORD);
             SmackClient bobClient = login(server, bob, "phone")) {
            Roster aliceRoster = roster(aliceClient, Roster.SubscriptionMode.accept_all);
            Roster bobRoster = roster(bobClient, Roster.SubscriptionMode.accept_all);
            List<Presence> atBob = presences(bobClient);
            List<Presence> atAlice = presences(aliceClient);

            bobRoster.createItemAndRequestSubscription(jid(alice), "Alice", null);

            awaitEntry(bobRoster, jid(alice), RosterPacket.ItemType.to, false);
            awaitPresence(atBob, alice, Presence.Type.available);

            aliceRoster.createItemAndRequestSubscription(jid(bob), "Bob", null);

            awaitEntry(bobRoster, jid(alice), RosterPacket.ItemType.both, false);
            awaitEntry(aliceRoster, jid(bob), RosterPacket.ItemType.both, false);
            awaitPresence(atAlice, bob, Presence.Type.available);

            bobClient.close();
            awaitPresence(atAlice, bob, Presence.Type.unavailable);
        }
    }

    @Test
    void requestWaitingWhileOfflineShouldReachTheUserAtLogin(GuiceJamesServer server) throws Exception {
        String bob = create(server, "bob-offline");
        String dave = "dave@" + PEER_DOMAIN;

        try (SmackClient daveClient = SmackClient.login(PEER_DOMAIN, prosody.c2sAddress(), "dave", PASSWORD)) {
            Roster daveRoster = roster(daveClient, Roster.SubscriptionMode.manual);
            daveRoster.createItemAndRequestSubscription(jid(bob), "Bob", null);
            awaitEntry(daveRoster, jid(bob), RosterPacket.ItemType.none, true);

            try (SmackClient bobClient = login(server, bob, "phone")) {
                Roster bobRoster = roster(bobClient, Roster.SubscriptionMode.manual);
                assertThat(bobRoster.getEntry(jid(dave))).as("a request alone adds nobody (RFC 6121 3.1.3)").isNull();
                List<Presence> atBob = presences(bobClient);
                // the client's first initial presence went before the listener was there: go unavailable and back
                bobClient.send(StanzaBuilder.buildPresence().ofType(Presence.Type.unavailable).build());
                bobClient.send(StanzaBuilder.buildPresence().ofType(Presence.Type.available).build());
                awaitPresence(atBob, dave, Presence.Type.subscribe);

                bobClient.send(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribed).to(jid(dave)).build());

                awaitEntry(daveRoster, jid(bob), RosterPacket.ItemType.to, false);
                awaitEntry(bobRoster, jid(dave), RosterPacket.ItemType.from, false);
            }
        }
    }
}
