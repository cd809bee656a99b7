package org.jamesxmpp.core.mapping;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.jivesoftware.smack.packet.Message;

import com.google.common.collect.ImmutableList;

/**
 * A stanza turned into a mail: RFC 5322 bytes (CRLF line ends), envelope sender and recipients.
 */
public final class InboundMail implements InboundResult {
    private final byte[] mime;
    private final MailAddress sender;
    private final List<MailAddress> recipients;
    private final Message.Type type;
    private final String messageId;

    InboundMail(byte[] mime, MailAddress sender, List<MailAddress> recipients, Message.Type type, String messageId) {
        this.mime = mime;
        this.sender = Objects.requireNonNull(sender);
        this.recipients = ImmutableList.copyOf(recipients);
        this.type = Objects.requireNonNull(type);
        this.messageId = Objects.requireNonNull(messageId);
    }

    public byte[] mimeBytes() {
        return mime.clone();
    }

    public InputStream asInputStream() {
        return new ByteArrayInputStream(mime);
    }

    public int size() {
        return mime.length;
    }

    public MimeMessage toMimeMessage() throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), asInputStream());
    }

    public MailAddress sender() {
        return sender;
    }

    public List<MailAddress> recipients() {
        return recipients;
    }

    /** A one-to-one chat: downstream it goes to the {@code Chats} folder. */
    public boolean chat() {
        return type == Message.Type.chat;
    }

    public Message.Type type() {
        return type;
    }

    /** The {@code Message-ID} written, with angle brackets. */
    public String messageId() {
        return messageId;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof InboundMail)) {
            return false;
        }
        InboundMail that = (InboundMail) other;
        return Arrays.equals(mime, that.mime) && sender.equals(that.sender) && recipients.equals(that.recipients)
            && type == that.type && messageId.equals(that.messageId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(mime), sender, recipients, type, messageId);
    }

    @Override
    public String toString() {
        return "InboundMail{sender=" + sender.asString() + ", recipients=" + recipients + ", type=" + type
            + ", messageId=" + messageId + ", bytes=" + mime.length + "}";
    }
}
