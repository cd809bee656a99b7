package org.jamesxmpp.core.routing;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Looks up {@code _xmpp-server._tcp.<domain>}; an empty list when the domain has no such record. */
@FunctionalInterface
public interface SrvLookup {
    CompletionStage<List<SrvTarget>> lookup(String domain);
}
