package org.jamesxmpp.core.mapping;

/**
 * Outcome of {@link StanzaToMime}: a mail, or a stanza that is not mail (groupchat, error, chat state, receipt...).
 */
public sealed interface InboundResult permits InboundMail, NotMail {
}
