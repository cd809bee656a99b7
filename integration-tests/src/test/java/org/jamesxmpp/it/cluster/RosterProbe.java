package org.jamesxmpp.it.cluster;

import javax.inject.Inject;

import org.apache.james.utils.GuiceProbe;
import org.jamesxmpp.core.store.RosterStore;

/** The roster store a server was built with. */
public class RosterProbe implements GuiceProbe {
    private final RosterStore store;

    @Inject
    RosterProbe(RosterStore store) {
        this.store = store;
    }

    public RosterStore store() {
        return store;
    }
}
