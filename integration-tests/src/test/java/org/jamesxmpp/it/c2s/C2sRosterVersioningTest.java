package org.jamesxmpp.it.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jamesxmpp.it.JamesUsers;
import org.jamesxmpp.it.JamesXmppServerExtension;
import org.jamesxmpp.testing.SmackClient;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.rosterstore.DirectoryRosterStore;
import org.jivesoftware.smack.roster.rosterstore.RosterStore;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Roster versioning (RFC 6121 2.6) with Smack's own roster cache ({@link DirectoryRosterStore}): an unchanged roster
 * is not sent again, so an entry only the cache holds (the test writes it there) stays what the client shows; a push
 * carries the new version; a change made while the client was away brings the whole roster. James in-process, c2s on
 * 127.0.205.1.
 */
class C2sRosterVersioningTest {
    private static final String DOMAIN = "james.test";
    private static final String PASSWORD = "secret";
    private static final ConditionFactory AWAIT = Awaitility.await().atMost(Duration.ofSeconds(30));

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = JamesXmppServerExtension.build(C2sTestUsers.clientListener(
        "127.0.205.3:5269", "<bind>127.0.205.1:0</bind>"));

    @BeforeAll
    static void createDomain(GuiceJamesServer server) throws Exception {
        new JamesUsers(server, DOMAIN, PASSWORD).ensureDomain();
    }

    private static C2sTestUsers users(GuiceJamesServer server) {
        return new C2sTestUsers(server, DOMAIN, PASSWORD);
    }

    /** A Smack client caching its roster in {@code store}, logged in and with its roster loaded. */
    private static XMPPTCPConnection loginCaching(GuiceJamesServer server, String user, String resource, RosterStore store)
        throws Exception {
        XMPPTCPConnection connection = SmackClient.connectionOverTls(DOMAIN, users(server).c2s(),
            user.substring(0, user.indexOf('@')), PASSWORD, resource);
        Roster roster = Roster.getInstanceFor(connection);
        roster.setRosterLoadedAtLogin(false);
        roster.setRosterStore(store);
        connection.connect().login();
        roster.reloadAndWait();
        return connection;
    }

    private static void pretendCached(RosterStore store, BareJid contact, String name) {
        store.addEntry(new RosterPacket.Item(contact, name), store.getRosterVersion());
    }

    private static String nameOf(XMPPTCPConnection connection, BareJid contact) {
        RosterEntry entry = Roster.getInstanceFor(connection).getEntry(contact);
        assertThat(entry).as("entry for " + contact).isNotNull();
        return entry.getName();
    }

    @Test
    void anUnchangedRosterShouldComeFromTheClientsCacheAndAChangedOneFromTheServer(GuiceJamesServer server,
                                                                                   @TempDir Path cache) throws Exception {
        String bob = users(server).mail().create("bob-ver");
        BareJid carol = JidCreate.bareFrom(users(server).mail().create("carol-ver"));
        RosterStore store = DirectoryRosterStore.init(cache.toFile());

        XMPPTCPConnection first = loginCaching(server, bob, "phone", store);
        assertThat(Roster.getInstanceFor(first).isRosterVersioningSupported()).isTrue();
        Roster.getInstanceFor(first).createItem(carol, "Carol", null);
        AWAIT.untilAsserted(() -> assertThat(store.getEntry(carol)).isNotNull());
        String versionAfterPush = store.getRosterVersion();
        assertThat(versionAfterPush).isNotEmpty();
        first.disconnect();

        pretendCached(store, carol, "Carol as cached");
        XMPPTCPConnection second = loginCaching(server, bob, "phone", store);
        assertThat(nameOf(second, carol)).as("the server said: unchanged since the push's version")
            .isEqualTo("Carol as cached");
        assertThat(store.getRosterVersion()).isEqualTo(versionAfterPush);
        second.disconnect();

        try (SmackClient elsewhere = users(server).login(bob, "desktop")) {
            Roster roster = Roster.getInstanceFor(elsewhere.connection());
            roster.reloadAndWait();
            roster.getEntry(carol).setName("Carol renamed elsewhere");
        }
        pretendCached(store, carol, "Carol as cached");
        XMPPTCPConnection third = loginCaching(server, bob, "phone", store);
        assertThat(nameOf(third, carol)).as("the roster changed meanwhile: the server sent it whole")
            .isEqualTo("Carol renamed elsewhere");
        assertThat(store.getRosterVersion()).isNotEqualTo(versionAfterPush);
        third.disconnect();
    }

    @Test
    void aClientWithoutACacheShouldGetTheWholeRosterEveryTime(GuiceJamesServer server) throws Exception {
        String bob = users(server).mail().create("bob-nover");
        BareJid carol = JidCreate.bareFrom(users(server).mail().create("carol-nover"));
        try (SmackClient client = users(server).login(bob, "phone")) {
            Roster roster = Roster.getInstanceFor(client.connection());
            roster.reloadAndWait();
            roster.createItem(carol, "Carol", null);
            AWAIT.untilAsserted(() -> assertThat(roster.getEntry(carol)).isNotNull());
        }
        try (SmackClient again = users(server).login(bob, "laptop")) {
            Roster roster = Roster.getInstanceFor(again.connection());
            roster.reloadAndWait();
            assertThat(roster.getEntry(carol).getName()).isEqualTo("Carol");
        }
    }
}
