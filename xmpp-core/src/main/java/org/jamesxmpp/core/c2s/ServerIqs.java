package org.jamesxmpp.core.c2s;

import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;

/**
 * Answers the iqs a client addresses to its own server (or to its own bare JID): XEP-0199 ping, the legacy session
 * establishment, an XEP-0030 disco#info of the server (XEP-0033
 * multicast among its features: {@link ClientMulticast}), the XEP-0313 form and preferences, XEP-0280 carbons on and off for the session (the roster
 * goes to the router). Anything else
 * that asks ({@code get}/{@code set}) gets {@code service-unavailable}; results and errors need no answer.
 */
final class ServerIqs {
    static final String DISCO_INFO_NAMESPACE = "http://jabber.org/protocol/disco#info";
    static final String CARBONS_NAMESPACE = "urn:xmpp:carbons:2";

    private ServerIqs() {
    }

    static Optional<String> answer(XmlElement iq, ClientSession session) {
        String type = iq.attribute("type").orElse("");
        String id = iq.attribute("id").orElse("");
        Optional<String> from = iq.attribute("to");
        if (!"get".equals(type) && !"set".equals(type)) {
            return Optional.empty();
        }
        Optional<XmlElement> payload = iq.children().stream().findFirst();
        String namespace = payload.map(XmlElement::namespace).orElse("");
        if ("get".equals(type) && StreamXml.PING_NAMESPACE.equals(namespace)) {
            return Optional.of(ClientStreamXml.iqResult(id, from, ""));
        }
        if ("set".equals(type) && ClientStreamXml.SESSION_NAMESPACE.equals(namespace)) {
            return Optional.of(ClientStreamXml.iqResult(id, from, ""));
        }
        if ("set".equals(type) && CARBONS_NAMESPACE.equals(namespace)
            && ("enable".equals(payload.get().name()) || "disable".equals(payload.get().name()))) {
            session.carbonsEnabled("enable".equals(payload.get().name()));
            return Optional.of(ClientStreamXml.iqResult(id, from, ""));
        }
        Optional<String> archive = payload.flatMap(element -> ArchiveIqs.answer(type, id, from, element));
        if (archive.isPresent()) {
            return archive;
        }
        if ("get".equals(type) && DISCO_INFO_NAMESPACE.equals(namespace) && payload.get().attribute("node").isEmpty()) {
            return Optional.of(ClientStreamXml.iqResult(id, from, "<query xmlns='" + DISCO_INFO_NAMESPACE + "'>"
                + "<identity category='server' type='im' name='James'/>"
                + "<feature var='" + DISCO_INFO_NAMESPACE + "'/><feature var='" + StreamXml.PING_NAMESPACE + "'/>"
                + "<feature var='" + CARBONS_NAMESPACE + "'/><feature var='" + ArchiveQuery.NAMESPACE + "'/>"
                + "<feature var='" + MultipleAddressesElement.NAMESPACE + "'/>"
                + "</query>"));
        }
        return Optional.of(ClientStreamXml.stanzaError("iq", id, from, "cancel", "service-unavailable"));
    }
}
