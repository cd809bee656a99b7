package org.jamesxmpp.core.s2s.outbound;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The further local domains of one outgoing stream: which are authenticated, and the stanzas of
 * the others, held until the peer accepts or refuses their {@code db:result}. Confined to the
 * stream's event loop.
 */
class PiggybackedDomains {
    private final Set<String> authenticated = new HashSet<>();
    private final Set<String> requested = new HashSet<>();
    private final Map<String, Deque<PendingStanza>> held = new LinkedHashMap<>();

    boolean isAuthenticated(String localDomain) {
        return authenticated.contains(localDomain);
    }

    void hold(PendingStanza stanza) {
        held.computeIfAbsent(stanza.pair().local(), any -> new ArrayDeque<>()).add(stanza);
    }

    /** Domains with held stanzas whose db:result was not sent yet; they count as requested from now on. */
    List<String> toRequest() {
        List<String> domains = new ArrayList<>();
        held.keySet().stream().filter(domain -> !requested.contains(domain)).forEach(domains::add);
        requested.addAll(domains);
        return domains;
    }

    boolean isAwaitingAnswer(String localDomain) {
        return requested.contains(localDomain) && !authenticated.contains(localDomain);
    }

    /** @return the stanzas held for {@code localDomain}, to be written (valid) or sent elsewhere (refused) */
    Deque<PendingStanza> answered(String localDomain, boolean valid) {
        requested.remove(localDomain);
        if (valid) {
            authenticated.add(localDomain);
        }
        Deque<PendingStanza> stanzas = held.remove(localDomain);
        return stanzas == null ? new ArrayDeque<>() : stanzas;
    }

    Set<String> awaitingAnswer() {
        Set<String> domains = new HashSet<>(requested);
        domains.removeAll(authenticated);
        return domains;
    }

    int heldCount() {
        return held.values().stream().mapToInt(Deque::size).sum();
    }

    List<PendingStanza> drain() {
        List<PendingStanza> stanzas = new ArrayList<>();
        held.values().forEach(stanzas::addAll);
        held.clear();
        requested.clear();
        return stanzas;
    }
}
