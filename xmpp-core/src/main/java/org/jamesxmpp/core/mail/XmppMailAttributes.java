package org.jamesxmpp.core.mail;

import org.apache.mailet.AttributeName;

/**
 * Mail attributes the XMPP bridge sets on a mail it enqueues, read by the matchers and mailets.
 * Attributes, unlike headers, cannot be forged by whoever wrote the message.
 */
public interface XmppMailAttributes {
    /** The XMPP message type of a mail that arrived over XMPP: normal, chat or headline. */
    AttributeName MESSAGE_TYPE = AttributeName.of("org.jamesxmpp.message-type");
    /** The peer domain the s2s stream was authenticated for, on a mail that arrived over XMPP. */
    AttributeName AUTHENTICATED_PEER = AttributeName.of("org.jamesxmpp.authenticated-peer");

    String CHAT = "chat";
}
