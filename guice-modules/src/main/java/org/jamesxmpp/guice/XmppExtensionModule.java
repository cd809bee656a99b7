package org.jamesxmpp.guice;

import com.google.inject.AbstractModule;

/**
 * Everything of the XMPP extension that a James child injector can hold: name it as
 * {@code guice.extension.module} in {@code extensions.properties}, with {@link XmppListenerStartable} as
 * {@code guice.extension.startable}. It adds nothing to James's own sets (start-up operations, probes).
 */
public class XmppExtensionModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new XmppConfigurationModule());
        install(new XmppMemoryStoresModule());
        install(new XmppS2sModule());
        install(new XmppInboundModule());
        install(new XmppC2sModule());
    }
}
