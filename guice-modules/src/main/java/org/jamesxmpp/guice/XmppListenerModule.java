package org.jamesxmpp.guice;

import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.jamesxmpp.listener.XmppListener;
import org.jamesxmpp.listener.c2s.C2sListener;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Starts the s2s and c2s listeners with James's other servers, and exposes {@link XmppProbe}. Only for servers built with
 * {@code combineWith}: a child injector cannot add to these sets.
 */
public class XmppListenerModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), GuiceProbe.class).addBinding().to(XmppProbe.class);
    }

    @ProvidesIntoSet
    InitializationOperation startXmppListener(XmppListener listener) {
        return InitilizationOperationBuilder
            .forClass(XmppListener.class)
            .init(listener::start);
    }

    @ProvidesIntoSet
    InitializationOperation startC2sListener(C2sListener listener) {
        return InitilizationOperationBuilder
            .forClass(C2sListener.class)
            .init(listener::start);
    }
}
