package org.jamesxmpp.core.xep;

import java.util.function.Supplier;

import org.jamesxmpp.core.xep.addresses.MultipleAddressesElement;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.SmackXmlParser;
import org.jivesoftware.smack.xml.stax.StaxXmlPullParserFactory;
import org.jivesoftware.smackx.delay.packet.DelayInformation;

/**
 * Sets Smack up (XML parser factory, its own start-up classes and providers, ours) from the class loader that loaded
 * this extension, whatever thread asks first. Smack looks up its parser with {@code ServiceLoader} on the thread
 * context class loader, and the threads that run our code in a James drop-in (Netty event loops, Reactor schedulers,
 * James's spooler) carry the application class loader, which does not see the extension's jars.
 */
public final class SmackBootstrap {
    private static final Object LOCK = new Object();
    private static volatile boolean initialized;

    private SmackBootstrap() {
    }

    /** Idempotent; the engine calls it when it starts, the stanza codec and the mapping before their first use. */
    public static void initialize() {
        if (initialized) {
            return;
        }
        synchronized (LOCK) {
            if (initialized) {
                return;
            }
            withOwnContextClassLoader(() -> {
                SmackXmlParser.setXmlPullParserFactory(new StaxXmlPullParserFactory());
                SmackConfiguration.getVersion();
                XmppProviders.registerAll();
                return null;
            });
            requireProvider(DelayInformation.ELEMENT, DelayInformation.NAMESPACE, "smack-extensions");
            requireProvider(MultipleAddressesElement.ELEMENT, MultipleAddressesElement.NAMESPACE, "xmpp-core");
            initialized = true;
        }
    }

    private static void requireProvider(String element, String namespace, String jar) {
        if (ProviderManager.getExtensionProvider(element, namespace) == null) {
            throw new IllegalStateException("Smack set-up incomplete: no provider for <" + element + " xmlns='" + namespace
                + "'>; is " + jar + " in the same class loader as xmpp-core?");
        }
    }

    private static <T> T withOwnContextClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SmackBootstrap.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
