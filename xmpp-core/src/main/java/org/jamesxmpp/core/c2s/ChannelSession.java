package org.jamesxmpp.core.c2s;

import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.jamesxmpp.core.mapping.AuthMethod;
import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;

import com.google.common.collect.ImmutableSet;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

/**
 * A bound resource on a Netty channel. A client that does not read (its channel stays unwritable past the write
 * buffer's high water mark) is not given more: the stanza is refused, so memory stays bounded; its mailbox keeps
 * what it missed.
 */
final class ChannelSession implements ClientSession {
    private final Channel channel;
    private final EntityFullJid jid;
    private final AuthMethod authMethod;
    private final boolean encrypted;
    private volatile boolean carbons;
    private volatile Optional<Presence> presence = Optional.empty();
    private volatile boolean rosterRequested;
    private final Set<Jid> directedPresences = new LinkedHashSet<>();

    ChannelSession(Channel channel, EntityFullJid jid, AuthMethod authMethod) {
        this.channel = channel;
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
        return channel.remoteAddress() instanceof InetSocketAddress address
            ? address.getAddress().getHostAddress()
            : String.valueOf(channel.remoteAddress());
    }

    @Override
    public boolean deliver(Stanza stanza) {
        return deliver(StanzaCodec.serialize(stanza));
    }

    @Override
    public boolean deliver(String xml) {
        if (!channel.isActive() || !channel.isWritable()) {
            return false;
        }
        channel.writeAndFlush(xml);
        return true;
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
