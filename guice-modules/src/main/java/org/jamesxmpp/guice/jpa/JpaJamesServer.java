package org.jamesxmpp.guice.jpa;

import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.jamesxmpp.guice.XmppModules;
import org.jamesxmpp.jpa.JpaServer;

/**
 * James's single-node persistent server ({@link JpaServer}, module jpa-server) with the XMPP extension, whose state
 * that must outlive a restart (dialback secret, inbound duplicate claims, late-error registry) is kept below the working directory and in
 * the JPA database.
 */
public final class JpaJamesServer {
    private JpaJamesServer() {
    }

    public static GuiceJamesServer create(Configuration configuration) {
        return JpaServer.create(configuration)
            .combineWith(XmppModules.ALL)
            .overrideWith(new XmppPersistentStoresModule());
    }
}
