package org.jamesxmpp.it.recipients;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import javax.inject.Provider;

import org.jamesxmpp.core.s2s.LateErrorListener;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.core.s2s.StanzaSender;
import org.jamesxmpp.core.s2s.codec.EncodedStanza;
import org.jamesxmpp.core.store.LateErrorTicket;

import com.google.common.collect.ImmutableList;

/** The real s2s engine, noting where each message stanza went: to one address, or to a domain for several. */
class RecordingStanzaSender implements StanzaSender {
    record Sent(String to, List<String> multicastRecipients) {
    }

    // a provider: the engine is built with the inbound handler, which sends through this
    private final Provider<S2sServer> engine;
    private final List<Sent> sent;

    /** @param sent where each message stanza sent is noted */
    RecordingStanzaSender(Provider<S2sServer> engine, List<Sent> sent) {
        this.engine = engine;
        this.sent = sent;
    }

    @Override
    public CompletionStage<Void> send(EncodedStanza stanza, Optional<LateErrorTicket> lateErrors) {
        if (stanza.kind().equals("message") && !stanza.xml().contains("type='error'")) {
            sent.add(new Sent(stanza.to().map(Object::toString).orElse(""), ImmutableList.of()));
        }
        return engine.get().send(stanza, lateErrors);
    }

    @Override
    public Map<String, CompletionStage<Void>> sendMulticast(EncodedStanza stanza,
                                                            Map<String, Optional<LateErrorTicket>> recipients) {
        sent.add(new Sent(stanza.to().map(Object::toString).orElse(""), ImmutableList.copyOf(recipients.keySet())));
        return engine.get().sendMulticast(stanza, recipients);
    }

    @Override
    public CompletionStage<Set<String>> discoFeatures(String localDomain, String remoteDomain) {
        return engine.get().discoFeatures(localDomain, remoteDomain);
    }

    @Override
    public void routeLateErrors(String route, LateErrorListener listener) {
        engine.get().routeLateErrors(route, listener);
    }
}
