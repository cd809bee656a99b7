package org.jamesxmpp.guice;

import javax.inject.Inject;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.UserDefinedStartable;
import org.jamesxmpp.listener.c2s.C2sListener;

/** Starts the client listener in a drop-in deployment (a second {@code guice.extension.startable}). */
public class C2sListenerStartable implements UserDefinedStartable {
    private final C2sListener listener;

    @Inject
    public C2sListenerStartable(C2sListener listener) {
        this.listener = listener;
    }

    @Override
    public void start() {
        try {
            listener.start();
        } catch (ConfigurationException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
