package org.jamesxmpp.guice;

import java.net.InetSocketAddress;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.utils.GuiceProbe;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.listener.XmppListener;

/** Lets tests reach the XMPP side of a running server. */
public class XmppProbe implements GuiceProbe {
    private final XmppListener listener;
    private final S2sServer s2sServer;

    @Inject
    public XmppProbe(XmppListener listener, S2sServer s2sServer) {
        this.listener = listener;
        this.s2sServer = s2sServer;
    }

    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> addresses = listener.boundAddresses();
        if (addresses.isEmpty()) {
            throw new IllegalStateException("the XMPP listener is not bound");
        }
        return addresses;
    }

    public S2sServer s2sServer() {
        return s2sServer;
    }
}
