package org.jamesxmpp.it;

import org.apache.james.GuiceJamesServer;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.SMTPMessageSender;
import org.apache.james.utils.TestIMAPClient;

/** The mail side of a test: a James domain, its users, and their SMTP and IMAP clients. */
public record JamesUsers(GuiceJamesServer server, String domain, String password) {
    public JamesUsers ensureDomain() throws Exception {
        DataProbeImpl data = server.getProbe(DataProbeImpl.class);
        if (!data.containsDomain(domain)) {
            data.addDomain(domain);
        }
        return this;
    }

    /** Creates {@code localPart@domain} and returns that address. */
    public String create(String localPart) throws Exception {
        String user = localPart + "@" + domain;
        server.getProbe(DataProbeImpl.class).addUser(user, password);
        return user;
    }

    public TestIMAPClient imap(String user) throws Exception {
        TestIMAPClient imap = new TestIMAPClient();
        imap.connect("127.0.0.1", imapPort()).login(user, password);
        return imap;
    }

    public ImapMessages reader(String user) throws Exception {
        return ImapMessages.login(imapPort(), user, password);
    }

    /** Sends {@code message} by authenticated SMTP submission, as {@code from}'s mail client does. */
    public void submit(String from, String to, String message) throws Exception {
        try (SMTPMessageSender smtp = new SMTPMessageSender(domain)) {
            smtp.connect("127.0.0.1", server.getProbe(SmtpGuiceProbe.class).getSmtpPort())
                .authenticate(from, password)
                .sendMessageWithHeaders(from, to, message);
        }
    }

    private int imapPort() {
        return server.getProbe(ImapGuiceProbe.class).getImapStartTLSPort();
    }
}
