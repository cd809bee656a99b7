package org.jamesxmpp.core.c2s;

import java.net.InetSocketAddress;

import org.jamesxmpp.core.s2s.codec.StanzaCodec;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.EntityFullJid;

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
    private volatile boolean carbons;

    ChannelSession(Channel channel, EntityFullJid jid) {
        this.channel = channel;
        this.jid = jid;
    }

    @Override
    public EntityFullJid jid() {
        return jid;
    }

    @Override
    public boolean encrypted() {
        return channel.pipeline().get(SslHandler.class) != null;
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
    public String toString() {
        return "ChannelSession[" + jid + "]";
    }
}
