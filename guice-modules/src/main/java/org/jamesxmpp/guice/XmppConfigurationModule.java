package org.jamesxmpp.guice;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.jamesxmpp.listener.configuration.XmppConfiguration;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Reads {@code xmpp.xml} once. */
public class XmppConfigurationModule extends AbstractModule {
    @Provides
    @Singleton
    XmppConfiguration xmppConfiguration(ConfigurationProvider configurationProvider) throws ConfigurationException {
        return XmppConfiguration.from(configurationProvider.getConfiguration("xmpp"));
    }
}
