package org.jamesxmpp.mailets;

import java.util.Collection;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.jamesxmpp.core.mail.XmppMailAttributes;

import com.google.common.collect.ImmutableList;

/**
 * Matches every recipient of a mail that arrived over XMPP as a {@code type='chat'} message, so that
 * {@code WithStorageDirective} can file it into the chat history folder.
 */
public class IsXmppChat extends GenericMatcher {
    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean chat = mail.getAttribute(XmppMailAttributes.MESSAGE_TYPE)
            .map(attribute -> attribute.getValue())
            .map(AttributeValue::value)
            .filter(XmppMailAttributes.CHAT::equals)
            .isPresent();
        return chat ? mail.getRecipients() : ImmutableList.of();
    }
}
