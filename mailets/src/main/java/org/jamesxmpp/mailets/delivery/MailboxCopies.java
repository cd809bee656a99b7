package org.jamesxmpp.mailets.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.MailboxMetaData;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;

import com.google.common.annotations.VisibleForTesting;

/**
 * Looks in the folder local delivery would append a mail to (James's storage directive, else INBOX) for a copy of it
 * appended since a given time: a message with the mail's {@code Message-ID}. The newest messages are read first, a
 * batch of headers at a time, back to the first that is older than the time (less a margin for clock steps), at most
 * {@link #MAX_SCANNED} messages. One search at a time: after a crash every spool thread may be handed a mail out
 * again at once, and each search holds a database connection for its whole scan (a connection pool smaller than the
 * spool threads then starves James's other requests).
 */
public class MailboxCopies {
    @VisibleForTesting
    static final int MAX_SCANNED = 10_000;
    private static final int BATCH = 50;
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    private static final String MESSAGE_ID = "Message-ID";

    private final MailboxManager mailboxManager;
    private final UsersRepository usersRepository;
    private final Object oneSearchAtATime = new Object();

    public MailboxCopies(MailboxManager mailboxManager, UsersRepository usersRepository) {
        this.mailboxManager = mailboxManager;
        this.usersRepository = usersRepository;
    }

    /** False when the mail has no Message-ID to recognise it by. */
    public boolean holds(MailAddress recipient, Mail mail, Instant since) throws MessagingException {
        Optional<String> messageId = Optional.ofNullable(mail.getMessage().getMessageID()).map(String::trim);
        if (messageId.isEmpty()) {
            return false;
        }
        Username username = username(recipient);
        synchronized (oneSearchAtATime) {
            return holds(username, mail, messageId.get(), since);
        }
    }

    private boolean holds(Username username, Mail mail, String messageId, Instant since) throws MessagingException {
        MailboxSession session = mailboxManager.createSystemSession(username);
        mailboxManager.startProcessingRequest(session);
        try {
            MessageManager mailbox = mailboxManager.getMailbox(MailboxPath.forUser(username, folder(mail, username, session)), session);
            return holds(mailbox, session, messageId, since.minus(CLOCK_MARGIN));
        } catch (MailboxNotFoundException e) {
            return false;
        } catch (MailboxException e) {
            throw new MessagingException("Cannot look for an earlier copy of " + mail.getName(), e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private boolean holds(MessageManager mailbox, MailboxSession session, String messageId, Instant since)
            throws MailboxException {
        long newest = mailbox.getMetaData(MailboxMetaData.RecentMode.IGNORE, session,
            EnumSet.of(MailboxMetaData.Item.NextUid)).getUidNext().asLong() - 1;
        long scanned = 0;
        for (long high = newest; high >= 1 && scanned < MAX_SCANNED; high -= BATCH) {
            long low = Math.max(1, high - BATCH + 1);
            boolean older = false;
            MessageResultIterator messages = mailbox.getMessages(MessageRange.range(MessageUid.of(low), MessageUid.of(high)),
                FetchGroup.HEADERS, session);
            while (messages.hasNext()) {
                MessageResult message = messages.next();
                scanned++;
                if (message.getInternalDate().toInstant().isBefore(since)) {
                    older = true;
                } else if (hasMessageId(message, messageId)) {
                    return true;
                }
            }
            if (older) {
                return false;
            }
        }
        return false;
    }

    private static boolean hasMessageId(MessageResult message, String messageId) throws MailboxException {
        Iterator<Header> headers = message.getHeaders().headers();
        while (headers.hasNext()) {
            Header header = headers.next();
            if (header.getName().equalsIgnoreCase(MESSAGE_ID)) {
                return header.getValue().trim().equals(messageId);
            }
        }
        return false;
    }

    /** The folder as {@code MailboxAppenderImpl} resolves it. */
    private static String folder(Mail mail, Username username, MailboxSession session) {
        String folder = StorageDirective.fromMail(username, mail).withDefaultFolder(MailboxConstants.INBOX)
            .getTargetFolder().orElse(MailboxConstants.INBOX)
            .replace('/', session.getPathDelimiter());
        return folder.charAt(0) == session.getPathDelimiter() ? folder.substring(1) : folder;
    }

    private Username username(MailAddress recipient) {
        try {
            return usersRepository.getUsername(recipient);
        } catch (UsersRepositoryException e) {
            return Username.of(recipient.asString());
        }
    }
}
