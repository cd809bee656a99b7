package org.jamesxmpp.guice.jpa;

import org.jamesxmpp.guice.XmppC2sModule;
import org.jamesxmpp.guice.XmppConfigurationModule;
import org.jamesxmpp.guice.XmppInboundModule;
import org.jamesxmpp.guice.XmppS2sModule;

import com.google.inject.AbstractModule;

/**
 * {@code XmppExtensionModule} with the extension's state kept across restarts of a James JPA server, as the run
 * command's persistent flavour keeps it ({@link XmppPersistentStoresModule}): the inbound duplicate claims and the
 * late-error registry in tables of James's own database (the {@code EntityManagerFactory} James's JPA server binds,
 * on {@code james-database.properties}), the dialback secret in {@value XmppPersistentStoresModule#DIALBACK_SECRET}
 * below James's working directory. Name it instead of {@code XmppExtensionModule} as {@code guice.extension.module}
 * in {@code extensions.properties}: a child injector cannot override the memory stores, so the choice is this module.
 */
public class XmppJpaExtensionModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new XmppConfigurationModule());
        install(new XmppPersistentStoresModule());
        install(new XmppS2sModule());
        install(new XmppInboundModule());
        install(new XmppC2sModule());
    }
}
