package org.jamesxmpp.core.s2s.outbound;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.codec.StreamXml;

/**
 * The stanzas of one outgoing stream that were written and not acknowledged yet, in order, and the acknowledgement
 * requests that cover them: XEP-0198 {@code <r/>}, answered by the count {@code h} of stanzas handled; or, towards
 * a peer without stream management, an XEP-0199 ping, whose answer (result or error, any answer) tells that the peer
 * processed every stanza written before it (RFC 6120 10.1: a stream's stanzas are processed in order). A request
 * follows every {@value #REQUEST_INTERVAL} stanzas and the end of each write batch. Event-loop confined.
 */
final class UnackedStanzas {
    static final int REQUEST_INTERVAL = 10;
    private static final String PING_ID_PREFIX = "jx-ack-";

    /** A ping on its way: its answer acknowledges {@code stanzas} more stanzas, those written just before it. */
    private record AwaitedPing(String id, int stanzas) {
    }

    private final Deque<PendingStanza> stanzas = new ArrayDeque<>();
    private final Deque<AwaitedPing> pings = new ArrayDeque<>();
    private final String pingIdBase = PING_ID_PREFIX + UUID.randomUUID() + "-";
    private long pingCount;
    private long lastAcked;
    private int unrequested;

    /** Whether {@code id} may be the id of a ping of ours. */
    static boolean isPingId(String id) {
        return id.startsWith(PING_ID_PREFIX);
    }

    /** A stanza was written; true when an acknowledgement request is due now. */
    boolean written(PendingStanza stanza) {
        stanzas.add(stanza);
        unrequested++;
        return unrequested == REQUEST_INTERVAL;
    }

    /** Whether stanzas were written since the last request. */
    boolean needsRequest() {
        return unrequested > 0;
    }

    /** The request covering the stanzas written since the last one, to be written now. */
    String request(DomainPair pair, boolean streamManagement) {
        String request;
        if (streamManagement) {
            request = StreamXml.ackRequest();
        } else {
            String id = pingIdBase + pingCount++;
            pings.add(new AwaitedPing(id, unrequested));
            request = StreamXml.ping(pair.local(), pair.remote(), id);
        }
        unrequested = 0;
        return request;
    }

    /**
     * The peer handled {@code h} stanzas in total (XEP-0198).
     *
     * @return the stanzas this acknowledges, in order
     * @throws IllegalStateException when {@code h} counts stanzas never written
     */
    List<PendingStanza> acked(long h) {
        long delta = (h - lastAcked) & StreamXml.SM_H_MASK;
        if (delta > stanzas.size()) {
            throw new IllegalStateException("peer acknowledged " + delta + " stanzas, only " + stanzas.size() + " were sent");
        }
        lastAcked = h & StreamXml.SM_H_MASK;
        return take(delta);
    }

    /**
     * The peer answered ping {@code id}: this acknowledges the stanzas written before it, including those of the pings
     * still awaited before it (the peer answered in order, their answers may still be on the way).
     *
     * @return the stanzas this acknowledges, in order; none for a ping we are not waiting for
     */
    List<PendingStanza> pingAnswered(String id) {
        if (pings.stream().noneMatch(ping -> ping.id().equals(id))) {
            return List.of();
        }
        long count = 0;
        AwaitedPing answered;
        do {
            answered = pings.poll();
            count += answered.stanzas();
        } while (!answered.id().equals(id));
        return take(count);
    }

    boolean isEmpty() {
        return stanzas.isEmpty();
    }

    int size() {
        return stanzas.size();
    }

    /** Every stanza still waiting for its acknowledgement; nothing is left waiting. */
    List<PendingStanza> drain() {
        List<PendingStanza> drained = new ArrayList<>(stanzas);
        stanzas.clear();
        pings.clear();
        unrequested = 0;
        return drained;
    }

    private List<PendingStanza> take(long count) {
        List<PendingStanza> taken = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            taken.add(stanzas.poll());
        }
        return taken;
    }
}
