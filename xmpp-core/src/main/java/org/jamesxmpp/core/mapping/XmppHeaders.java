package org.jamesxmpp.core.mapping;

/**
 * The trace fields the mapping writes into a mail made of a stanza, which only it may write (a peer's XEP-0131
 * headers cannot set them, see {@link ShimHeaders}): they tell a mail from XMPP and keep what of the stanza the
 * archive (XEP-0313) and the read markers (XEP-0333) need.
 */
public final class XmppHeaders {
    /** RFC 7259: the sender's bare JID; every mail made of a stanza has it. */
    public static final String JABBER_ID = "Jabber-ID";
    /** The stanza's full {@code from} (with the sender's resource), when it had one. */
    public static final String FROM = "X-Xmpp-From";
    /** {@value #MARKABLE_VALUE} when the stanza asked for XEP-0333 chat markers ({@code <markable/>}). */
    public static final String MARKABLE = "X-Xmpp-Markable";
    public static final String MARKABLE_VALUE = "yes";
    public static final String CHAT_MARKERS_NAMESPACE = "urn:xmpp:chat-markers:0";

    private XmppHeaders() {
    }
}
