package org.jamesxmpp.core.store;

import java.util.function.Supplier;

/**
 * Holds the dialback secret (XEP-0185) shared by every node of a cluster, so that any node can
 * verify a key another node generated.
 */
public interface DialbackSecretStore {
    /**
     * @return the stored secret; when none is stored yet, stores the candidate and returns it
     *     (the first writer wins when several nodes race)
     */
    String retrieveOrStore(Supplier<String> candidate);
}
