package org.jamesxmpp.core.s2s.outbound;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which peers refused an XEP-0198 {@code <enable/>} they had not advertised. Prosody 0.12 only
 * advertises stream management on authenticated streams, so after dialback (no stream restart)
 * we ask without an advertisement; a peer that answers with a stream error is remembered here
 * and its next stream goes on without stream management.
 */
public class StreamManagementSupport {
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();

    public boolean shouldTry(String remoteDomain, boolean advertised) {
        return advertised || !refusing.contains(remoteDomain);
    }

    /**
     * A peer that did not advertise XEP-0198 and ignored or failed our {@code <enable/>} (ejabberd 23.01 drops it
     * silently) is not asked again: otherwise every new stream to it would wait a whole response timeout.
     */
    public void notEnabledBy(String remoteDomain, boolean advertised) {
        if (!advertised) {
            refusing.add(remoteDomain);
        }
    }

    /** @return true when this is news (the stream may be retried once without stream management) */
    public boolean refusedBy(String remoteDomain) {
        return refusing.add(remoteDomain);
    }
}
