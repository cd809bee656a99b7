package org.jamesxmpp.core.c2s;

import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;

import com.google.common.collect.ImmutableSet;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

/**
 * A bound resource on a Netty channel, or, with XEP-0198 resumption, on the channels the client resumes it on: what
 * it is given goes through its {@link ClientOutput}. The stanzas the client sent are counted here (XEP-0198's
 * {@code h}), so that a resumed stream goes on counting.
 */
final class ChannelSession implements ClientSession {
    private final ClientOutput output;
    private final EntityFullJid jid;
    private final AuthMethod authMethod;
    private final boolean encrypted;
    private volatile boolean carbons;
    private volatile Optional<Presence> presence = Optional.empty();
    private volatile boolean rosterRequested;
    private final Set<Jid> directedPresences = new LinkedHashSet<>();
    private volatile long handled;
    private volatile Optional<String> resumptionId = Optional.empty();

    ChannelSession(Channel channel, EntityFullJid jid, AuthMethod authMethod) {
        this.output = new ClientOutput(channel);
        this.jid = jid;
        this.authMethod = authMethod;
        // known at binding: once the channel is closed its pipeline is empty, and its last messages are mapped after
        this.encrypted = channel.pipeline().get(SslHandler.class) != null;
    }

    @Override
    public EntityFullJid jid() {
        return jid;
    }

    @Override
    public AuthMethod authMethod() {
        return authMethod;
    }

    @Override
    public boolean encrypted() {
        return encrypted;
    }

    @Override
    public String remoteAddress() {
        Optional<Channel> channel = output.channel();
        if (channel.isEmpty()) {
            return "(detached)";
        }
        return channel.get().remoteAddress() instanceof InetSocketAddress address
            ? address.getAddress().getHostAddress()
            : String.valueOf(channel.get().remoteAddress());
    }

    @Override
    public boolean deliver(Stanza stanza) {
        return deliver(StanzaCodec.serialize(stanza));
    }

    @Override
    public boolean deliver(String xml) {
        return output.stanza(xml);
    }

    ClientOutput output() {
        return output;
    }

    /** A stanza of the client went on: counted once XEP-0198 is enabled. Called on the current stream's event loop. */
    void handledStanza() {
        if (output.enabled()) {
            handled++;
        }
    }

    /** XEP-0198's {@code h} of the client's stanzas. */
    long handled() {
        return handled & StreamXml.SM_H_MASK;
    }

    /** The id the session is resumed with, once the client enabled XEP-0198 with resumption. */
    Optional<String> resumptionId() {
        return resumptionId;
    }

    void resumptionId(String id) {
        resumptionId = Optional.of(id);
    }

    @Override
    public boolean carbonsEnabled() {
        return carbons;
    }

    @Override
    public void carbonsEnabled(boolean enabled) {
        carbons = enabled;
    }

    @Override
    public Optional<Presence> presence() {
        return presence;
    }

    @Override
    public void presence(Optional<Presence> presence) {
        this.presence = presence;
    }

    @Override
    public boolean rosterRequested() {
        return rosterRequested;
    }

    @Override
    public void rosterRequested(boolean requested) {
        rosterRequested = requested;
    }

    @Override
    public synchronized boolean directedPresence(Jid jid, Presence.Type type, int max) {
        if (type == Presence.Type.unavailable) {
            directedPresences.remove(jid);
            return true;
        }
        if (directedPresences.size() >= max && !directedPresences.contains(jid)) {
            return false;
        }
        directedPresences.add(jid);
        return true;
    }

    @Override
    public synchronized Set<Jid> takeDirectedPresences() {
        Set<Jid> taken = ImmutableSet.copyOf(directedPresences);
        directedPresences.clear();
        return taken;
    }

    @Override
    public String toString() {
        return "ChannelSession[" + jid + "]";
    }
}
