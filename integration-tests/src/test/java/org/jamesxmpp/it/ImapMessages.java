package org.jamesxmpp.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.utils.TestIMAPClient;

/** Reads whole messages over IMAP as a mail client would, byte for byte. */
public interface ImapMessages {
    Pattern LITERAL = Pattern.compile("\\{(\\d+)}\r\n");

    /** The raw RFC 5322 text of message {@code sequence} in {@code mailbox}. */
    static String raw(TestIMAPClient imap, String mailbox, int sequence) throws IOException {
        imap.sendCommand("SELECT \"" + mailbox + "\"");
        String reply = imap.sendCommand("FETCH " + sequence + " BODY.PEEK[]");
        Matcher literal = LITERAL.matcher(reply);
        if (!literal.find()) {
            throw new IOException("no message " + sequence + " in " + mailbox + ": " + reply);
        }
        int start = literal.end();
        // commons-net decodes IMAP as ISO-8859-1: one char per byte, so the literal's byte count is a char count
        return reply.substring(start, start + Integer.parseInt(literal.group(1)));
    }

    static MimeMessage parsed(TestIMAPClient imap, String mailbox, int sequence) throws IOException, MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw(imap, mailbox, sequence).getBytes(StandardCharsets.ISO_8859_1)));
    }
}
