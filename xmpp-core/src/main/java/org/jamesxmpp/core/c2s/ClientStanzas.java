package org.jamesxmpp.core.c2s;

import java.util.Optional;
import java.util.Set;

import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamErrorCondition;
import org.jamesxmpp.core.s2s.codec.StreamException;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import com.google.common.collect.ImmutableSet;

/**
 * The stanzas of a bound client: {@code from} is checked (a client may only name its own full or bare JID, else
 * {@code invalid-from} ends the stream) and then stamped with the full JID; iqs for the server are answered here, and
 * an XEP-0033 multicast message to the server whose addresses cannot all be served is refused here
 * ({@link ClientMulticast}); everything else goes to the {@link ClientStanzaRouter}.
 */
final class ClientStanzas {
    private static final Set<String> STANZAS = ImmutableSet.of("message", "presence", "iq");
    private static final Set<Presence.Type> SUBSCRIPTIONS = ImmutableSet.of(Presence.Type.subscribe, Presence.Type.subscribed,
        Presence.Type.unsubscribe, Presence.Type.unsubscribed);

    private final C2sContext context;

    ClientStanzas(C2sContext context) {
        this.context = context;
    }

    void onStanza(XmlElement element, ClientSession session, String domain) {
        if (!StanzaCodec.CLIENT_NAMESPACE.equals(element.namespace()) || !STANZAS.contains(element.name())) {
            throw new StreamException(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                "<" + element.name() + " xmlns='" + element.namespace() + "'>");
        }
        Optional<Jid> from = jid(element.attribute("from"));
        if (element.attribute("from").isPresent()
            && !from.filter(jid -> jid.equals(session.jid()) || jid.equals(session.jid().asEntityBareJid())).isPresent()) {
            throw new StreamException(StreamErrorCondition.INVALID_FROM, "from is not " + session.jid());
        }
        Optional<Jid> to = jid(element.attribute("to"));
        if (element.attribute("to").isPresent() && to.isEmpty()) {
            session.deliver(ClientStreamXml.stanzaError(element.name(), element.attribute("id").orElse(""), Optional.empty(),
                "modify", "jid-malformed"));
            return;
        }
        if (refusedMulticast(session, element, to, domain)) {
            return;
        }
        if ("iq".equals(element.name()) && addressedToServer(to, session, domain) && archiveQuery(element, session)) {
            return;
        }
        if ("iq".equals(element.name()) && addressedToServer(to, session, domain) && command(element, session, domain)) {
            return;
        }
        if ("iq".equals(element.name()) && addressedToServer(to, session, domain) && roster(element, session)) {
            return;
        }
        if ("iq".equals(element.name()) && addressedToServer(to, session, domain)) {
            ServerIqs.answer(element, session).ifPresent(session::deliver);
            return;
        }
        Stanza stanza = StanzaCodec.parse(element);
        if (stanza instanceof Presence presence && to.isEmpty()) {
            presence.setFrom(session.jid());
            context.router().broadcast(session, presence);
            return;
        }
        stanza.setFrom(isSubscription(stanza) ? session.jid().asEntityBareJid() : session.jid());
        if (isSubscription(stanza)) {
            stanza.setTo(to.orElseThrow().asBareJid());
        }
        if (stanza.getTo() == null && stanza instanceof Message) {
            stanza.setTo(session.jid().asEntityBareJid());
        }
        context.router().route(session, stanza);
    }

    /** Whether {@code iq} is a roster get or set (RFC 6121 2.1.3, 2.3); if so it went to the router. */
    private boolean roster(XmlElement iq, ClientSession session) {
        String type = iq.attribute("type").orElse("");
        Optional<XmlElement> query = iq.child(RosterXml.NAMESPACE, "query");
        if (query.isEmpty() || !("get".equals(type) || "set".equals(type))) {
            return false;
        }
        context.router().roster(session, iq.attribute("id").orElse(""), type, query.get());
        return true;
    }

    /** Whether {@code iq} is an XEP-0050 command to the server; if so it went to the router. */
    private boolean command(XmlElement iq, ClientSession session, String domain) {
        Optional<XmlElement> command = iq.child(AdminCommands.COMMANDS_NAMESPACE, "command");
        if (command.isEmpty() || !"set".equals(iq.attribute("type").orElse(""))) {
            return false;
        }
        context.router().command(session, iq.attribute("id").orElse(""), domain, command.get());
        return true;
    }

    /** Whether {@code iq} is an XEP-0313 query of the user's archive; if so it went to the router (or was refused). */
    private boolean archiveQuery(XmlElement iq, ClientSession session) {
        Optional<XmlElement> query = iq.child(ArchiveQuery.NAMESPACE, "query");
        if (query.isEmpty() || !"set".equals(iq.attribute("type").orElse(""))) {
            return false;
        }
        String id = iq.attribute("id").orElse("");
        Optional<ArchiveQuery> parsed = ArchiveQuery.parse(query.get());
        if (parsed.isEmpty()) {
            session.deliver(ClientStreamXml.stanzaError("iq", id, Optional.empty(), "modify", "bad-request"));
        } else {
            context.router().queryArchive(session, id, parsed.get());
        }
        return true;
    }

    /** Whether {@code element} is an XEP-0033 multicast message to the server that is refused; if so it was answered. */
    private static boolean refusedMulticast(ClientSession session, XmlElement element, Optional<Jid> to, String domain) {
        if (!"message".equals(element.name()) || "error".equals(element.attribute("type").orElse(""))
            || to.filter(jid -> jid.toString().equalsIgnoreCase(domain)).isEmpty()) {
            return false;
        }
        Optional<ClientMulticast.Refusal> refusal = ClientMulticast.addresses(element).flatMap(ClientMulticast::check);
        refusal.ifPresent(value -> session.deliver(value.toXml(element.attribute("id").orElse(""), domain)));
        return refusal.isPresent();
    }

    /** RFC 6121 3.1.2, 3.1.5: a subscription request or answer is stamped with the user's bare JID. */
    private static boolean isSubscription(Stanza stanza) {
        return stanza instanceof Presence presence && SUBSCRIPTIONS.contains(presence.getType());
    }

    private static boolean addressedToServer(Optional<Jid> to, ClientSession session, String domain) {
        return to.isEmpty()
            || to.get().toString().equalsIgnoreCase(domain)
            || to.get().equals(session.jid().asEntityBareJid());
    }

    private static Optional<Jid> jid(Optional<String> value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JidCreate.from(value.get()));
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
