package org.jamesxmpp.guice;

import java.util.Optional;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.jamesxmpp.core.outgoing.DeliveryLimits;
import org.jamesxmpp.listener.attachments.AttachmentLinks;
import org.jamesxmpp.listener.attachments.BlobStoreLookup;
import org.jamesxmpp.listener.configuration.AttachmentsConfiguration;
import org.jamesxmpp.listener.configuration.LinkFetchConfiguration;
import org.jamesxmpp.listener.configuration.XmppConfiguration;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Reads {@code xmpp.xml} once, and offers the parts other modules and the mailets need. */
public class XmppConfigurationModule extends AbstractModule {
    @Provides
    @Singleton
    XmppConfiguration xmppConfiguration(ConfigurationProvider configurationProvider) throws ConfigurationException {
        return XmppConfiguration.from(configurationProvider.getConfiguration("xmpp"));
    }

    @Provides
    @Singleton
    AttachmentsConfiguration attachmentsConfiguration(ConfigurationProvider configurationProvider) throws ConfigurationException {
        return AttachmentsConfiguration.from(configurationProvider.getConfiguration("xmpp"));
    }

    @Provides
    @Singleton
    LinkFetchConfiguration linkFetchConfiguration(ConfigurationProvider configurationProvider) throws ConfigurationException {
        return LinkFetchConfiguration.from(configurationProvider.getConfiguration("xmpp"));
    }

    @Provides
    @Singleton
    MappingOptions mappingOptions(XmppConfiguration configuration, AttachmentLinks attachmentLinks) {
        return attachmentLinks.linkProvider()
            .map(configuration.mappingOptions()::withLinkProvider)
            .orElse(configuration.mappingOptions());
    }

    /** James's blob store when the James we run in binds one; looked up, not required, as James's JPA server has none. */
    @Provides
    @Singleton
    BlobStoreLookup blobStoreLookup(Injector injector) {
        return () -> Optional.ofNullable(injector.getExistingBinding(Key.get(BlobStoreDAO.class)))
            .map(binding -> binding.getProvider().get());
    }

    @Provides
    @Singleton
    DeliveryLimits deliveryLimits(XmppConfiguration configuration) {
        return configuration.delivery();
    }
}
