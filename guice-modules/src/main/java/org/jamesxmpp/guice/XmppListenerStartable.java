package org.jamesxmpp.guice;

import javax.inject.Inject;

import org.apache.james.utils.UserDefinedStartable;
import org.jamesxmpp.listener.XmppListener;

/** Starts the XMPP listener in a drop-in deployment ({@code guice.extension.startable}). */
public class XmppListenerStartable implements UserDefinedStartable {
    private final XmppListener listener;

    @Inject
    public XmppListenerStartable(XmppListener listener) {
        this.listener = listener;
    }

    @Override
    public void start() {
        listener.start();
    }
}
