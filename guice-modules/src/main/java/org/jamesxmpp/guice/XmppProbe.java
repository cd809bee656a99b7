package org.jamesxmpp.guice;

import java.net.InetSocketAddress;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.utils.GuiceProbe;
import org.jamesxmpp.core.s2s.S2sServer;
import org.jamesxmpp.listener.XmppListener;
import org.jamesxmpp.listener.c2s.C2sListener;

/** Lets tests reach the XMPP side of a running server. */
public class XmppProbe implements GuiceProbe {
    private final XmppListener listener;
    private final S2sServer s2sServer;
    private final C2sListener c2sListener;

    @Inject
    public XmppProbe(XmppListener listener, S2sServer s2sServer, C2sListener c2sListener) {
        this.listener = listener;
        this.c2sListener = c2sListener;
        this.s2sServer = s2sServer;
    }

    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> addresses = listener.boundAddresses();
        if (addresses.isEmpty()) {
            throw new IllegalStateException("the XMPP listener is not bound");
        }
        return addresses;
    }

    /** Where the client listener is bound (port 0 in xmpp.xml: the port the system chose). */
    public List<InetSocketAddress> c2sAddresses() {
        List<InetSocketAddress> addresses = c2sListener.boundAddresses();
        if (addresses.isEmpty()) {
            throw new IllegalStateException("the XMPP c2s listener is not bound");
        }
        return addresses;
    }

    /** Where the client listener takes direct TLS (XEP-0368) connections. */
    public List<InetSocketAddress> c2sDirectTlsAddresses() {
        List<InetSocketAddress> addresses = c2sListener.directTlsAddresses();
        if (addresses.isEmpty()) {
            throw new IllegalStateException("the XMPP c2s listener has no direct TLS address");
        }
        return addresses;
    }

    public S2sServer s2sServer() {
        return s2sServer;
    }
}
