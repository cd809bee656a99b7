package org.jamesxmpp.core.s2s.inbound;

import java.util.List;
import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlBuilder;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jxmpp.jid.Jid;

/**
 * The XEP-0030 disco#info of our domains, as remote servers see it: an IM server that answers pings and is an
 * XEP-0033 multicast service (a stanza to the domain with {@code <addresses/>} reaches every local address it
 * names). A query for a node, or to a user's JID, is not this one.
 */
final class ServerDiscoInfo {
    static final String NAMESPACE = "http://jabber.org/protocol/disco#info";
    static final List<String> FEATURES = List.of(NAMESPACE, StreamXml.PING_NAMESPACE, MultipleAddressesElement.NAMESPACE);

    private ServerDiscoInfo() {
    }

    static boolean asks(XmlElement iq, Jid to) {
        return to.isDomainBareJid()
            && iq.attribute("type").map("get"::equals).orElse(false)
            && iq.attribute("id").isPresent()
            && iq.child(NAMESPACE, "query").map(query -> query.attribute("node").isEmpty()).orElse(false);
    }

    static String result(String from, String to, String id) {
        XmlBuilder query = XmlBuilder.element(NAMESPACE, "query")
            .child(XmlBuilder.element("identity").attribute("category", "server").attribute("type", "im")
                .attribute("name", Optional.of("James")));
        FEATURES.forEach(feature -> query.child(XmlBuilder.element("feature").attribute("var", feature)));
        return XmlBuilder.element("iq").attribute("type", "result").attribute("from", from).attribute("to", to)
            .attribute("id", id).child(query).toXml();
    }
}
