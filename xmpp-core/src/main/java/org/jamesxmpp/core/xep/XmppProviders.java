package org.jamesxmpp.core.xep;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jamesxmpp.core.xep.addresses.provider.MultipleAddressesProvider;
import org.jamesxmpp.core.xep.mime.OriginalMimeElement;
import org.jamesxmpp.core.xep.mime.provider.OriginalMimeProvider;
import org.jamesxmpp.core.xep.oob.OutOfBandDataElement;
import org.jamesxmpp.core.xep.oob.provider.OutOfBandDataProvider;
import org.jamesxmpp.core.xep.reply.ReplyElement;
import org.jamesxmpp.core.xep.reply.provider.ReplyProvider;
import org.jamesxmpp.core.xep.sfs.FileSharingElement;
import org.jamesxmpp.core.xep.sfs.provider.FileSharingProvider;
import org.jamesxmpp.core.xep.sims.MediaSharingElement;
import org.jamesxmpp.core.xep.sims.provider.MediaSharingProvider;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StreamOpen;
import org.jivesoftware.smack.provider.BodyElementProvider;
import org.jivesoftware.smack.provider.MessageSubjectElementProvider;
import org.jivesoftware.smack.provider.MessageThreadElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;

/**
 * Registers, once, our extension providers in Smack's global {@link ProviderManager}, and Smack's body, subject and
 * thread providers for {@code jabber:server} (Smack only knows them in {@code jabber:client}), and a Base64 encoder
 * for Smack (XEP-0231 data needs one).
 */
public final class XmppProviders {
    private static final AtomicBoolean REGISTERED = new AtomicBoolean(false);

    private XmppProviders() {
    }

    /** Called by {@link SmackBootstrap} once Smack itself is set up. */
    static void registerAll() {
        if (!REGISTERED.compareAndSet(false, true)) {
            return;
        }
        org.jivesoftware.smack.util.stringencoder.Base64.setEncoder(JdkBase64Encoder.INSTANCE);
        ProviderManager.addExtensionProvider(Message.Body.ELEMENT, StreamOpen.SERVER_NAMESPACE, new BodyElementProvider());
        ProviderManager.addExtensionProvider(Message.Subject.ELEMENT, StreamOpen.SERVER_NAMESPACE, new MessageSubjectElementProvider());
        ProviderManager.addExtensionProvider(Message.Thread.ELEMENT, StreamOpen.SERVER_NAMESPACE, new MessageThreadElementProvider());
        ProviderManager.addExtensionProvider(MultipleAddressesElement.ELEMENT, MultipleAddressesElement.NAMESPACE, MultipleAddressesProvider.INSTANCE);
        ProviderManager.addExtensionProvider(ReplyElement.ELEMENT, ReplyElement.NAMESPACE, ReplyProvider.INSTANCE);
        ProviderManager.addExtensionProvider(OutOfBandDataElement.ELEMENT, OutOfBandDataElement.NAMESPACE, OutOfBandDataProvider.INSTANCE);
        ProviderManager.addExtensionProvider(FileSharingElement.ELEMENT, FileSharingElement.NAMESPACE, FileSharingProvider.INSTANCE);
        ProviderManager.addExtensionProvider(MediaSharingElement.ELEMENT, MediaSharingElement.NAMESPACE, MediaSharingProvider.INSTANCE);
        ProviderManager.addExtensionProvider(OriginalMimeElement.ELEMENT, OriginalMimeElement.NAMESPACE, OriginalMimeProvider.INSTANCE);
    }
}
