package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmlNode;
import org.jamesxmpp.core.s2s.codec.XmlText;
import org.jamesxmpp.core.store.RosterItem;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import com.google.common.collect.ImmutableList;

class RosterXmlTest {
    private static final String ALICE = "alice@a.test";

    private static XmlElement query(XmlNode... items) {
        return new XmlElement(RosterXml.NAMESPACE, "query", Map.of(), ImmutableList.copyOf(items));
    }

    private static XmlElement item(Map<String, String> attributes, String... groups) {
        ImmutableList.Builder<XmlNode> children = ImmutableList.builder();
        for (String group : groups) {
            children.add(new XmlElement(RosterXml.NAMESPACE, "group", Map.of(), ImmutableList.of(new XmlText(group))));
        }
        return new XmlElement(RosterXml.NAMESPACE, "item", attributes, children.build());
    }

    @Test
    void setShouldGiveNameAndGroups() {
        assertThat(RosterXml.parseSet(query(item(Map.of("jid", "Alice@A.test", "name", "Alice"), "Friends", "Work"))))
            .isEqualTo(new RosterXml.Update(JidCreate.bareFromOrThrowUnchecked(ALICE), Optional.of("Alice"),
                ImmutableList.of("Friends", "Work")));
    }

    @Test
    void removeShouldBeRecognised() {
        assertThat(RosterXml.parseSet(query(item(Map.of("jid", ALICE, "subscription", "remove")))))
            .isEqualTo(new RosterXml.Remove(JidCreate.bareFromOrThrowUnchecked(ALICE)));
    }

    @Test
    void badSetsShouldBeRefused() {
        RosterXml.Refused badRequest = new RosterXml.Refused("modify", "bad-request");
        RosterXml.Refused notAcceptable = new RosterXml.Refused("modify", "not-acceptable");
        assertThat(RosterXml.parseSet(query())).isEqualTo(badRequest);
        assertThat(RosterXml.parseSet(query(item(Map.of("jid", ALICE)), item(Map.of("jid", "carol@a.test"))))).isEqualTo(badRequest);
        assertThat(RosterXml.parseSet(query(item(Map.of("jid", ALICE, "subscription", "both"))))).isEqualTo(badRequest);
        assertThat(RosterXml.parseSet(query(item(Map.of("jid", "alice@a.test/phone"))))).isEqualTo(badRequest);
        assertThat(RosterXml.parseSet(query(item(Map.of("jid", "@@"))))).isEqualTo(badRequest);
        assertThat(RosterXml.parseSet(query(item(Map.of("jid", ALICE), "Friends", "Friends")))).isEqualTo(notAcceptable);
        assertThat(RosterXml.parseSet(query(item(Map.of("jid", ALICE, "name", "n".repeat(RosterItem.MAX_NAME_LENGTH + 1))))))
            .isEqualTo(notAcceptable);
    }

    @Test
    void itemShouldBeWrittenEscapedWithAskAndGroups() {
        RosterItem item = new RosterItem(JidCreate.bareFromOrThrowUnchecked(ALICE), Optional.of("A'<b>"),
            ImmutableList.of("F&F"), RosterItem.Subscription.NONE, true, false, true);

        assertThat(RosterXml.item(item)).isEqualTo("<item jid='alice@a.test' name='A&apos;&lt;b&gt;' subscription='none'"
            + " ask='subscribe'><group>F&amp;F</group></item>");
    }

    @Test
    void queryShouldLeaveOutRequestsAlone() {
        RosterItem listed = RosterItem.listed(JidCreate.bareFromOrThrowUnchecked(ALICE));
        RosterItem request = RosterItem.requestOnly(JidCreate.bareFromOrThrowUnchecked("carol@a.test"));

        assertThat(RosterXml.query(ImmutableList.of(listed, request)))
            .isEqualTo("<query xmlns='jabber:iq:roster'><item jid='alice@a.test' subscription='none'/></query>");
    }

    @Test
    void pushOfAnUnlistedItemShouldBeARemoval() {
        assertThat(RosterXml.push("p1", "bob@james.test/phone", JidCreate.bareFromOrThrowUnchecked(ALICE), Optional.empty()))
            .isEqualTo("<iq type='set' id='p1' to='bob@james.test/phone'><query xmlns='jabber:iq:roster'>"
                + "<item jid='alice@a.test' subscription='remove'/></query></iq>");
    }

    @Test
    void versionShouldDependOnWhatTheClientSeesOnly() {
        RosterItem alice = RosterItem.listed(JidCreate.bareFromOrThrowUnchecked(ALICE));
        RosterItem carol = RosterItem.listed(JidCreate.bareFromOrThrowUnchecked("carol@a.test"));
        RosterItem request = RosterItem.requestOnly(JidCreate.bareFromOrThrowUnchecked("dave@a.test"));
        String version = RosterXml.version(ImmutableList.of(alice, carol));

        assertThat(version).hasSize(32).matches("[0-9a-f]+");
        assertThat(RosterXml.version(ImmutableList.of(carol, request, alice))).as("order and requests alone").isEqualTo(version);
        assertThat(RosterXml.version(ImmutableList.of(alice, carol.withNameAndGroups(Optional.of("Carol"), ImmutableList.of()))))
            .isNotEqualTo(version);
        assertThat(RosterXml.version(ImmutableList.of(alice, carol.withSubscription(RosterItem.Subscription.TO))))
            .isNotEqualTo(version);
        assertThat(RosterXml.version(ImmutableList.of(alice))).isNotEqualTo(version);
        assertThat(RosterXml.version(ImmutableList.of())).isNotEqualTo(RosterXml.version(ImmutableList.of(alice)));
    }

    @Test
    void queryAndPushShouldCarryTheVersionWhenGiven() {
        RosterItem alice = RosterItem.listed(JidCreate.bareFromOrThrowUnchecked(ALICE));

        assertThat(RosterXml.query(ImmutableList.of(alice), Optional.of("v'1")))
            .isEqualTo("<query xmlns='jabber:iq:roster' ver='v&apos;1'><item jid='alice@a.test' subscription='none'/></query>");
        assertThat(RosterXml.push("p1", "bob@james.test/phone", alice.jid(), Optional.of(alice), Optional.of("v2")))
            .isEqualTo("<iq type='set' id='p1' to='bob@james.test/phone'><query xmlns='jabber:iq:roster' ver='v2'>"
                + "<item jid='alice@a.test' subscription='none'/></query></iq>");
    }
}
