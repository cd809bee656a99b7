package org.jamesxmpp.listener.c2s;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.transport.mailets.delivery.MailboxAppender;
import org.apache.james.transport.mailets.delivery.MailboxAppenderImpl;
import org.apache.james.user.api.UsersRepository;
import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.InboundMail;
import org.jivesoftware.smack.packet.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The sender's copy of what a logged-in user sends, in the user's own mailbox ({@link HistoryFolders}), so IMAP shows
 * both sides of a conversation. The copy is the mail the mapping makes of the message (the one a local recipient
 * gets, same {@code Message-ID}) appended the way {@code LocalDelivery} appends (James's {@link MailboxAppender}),
 * on a bounded scheduler of its own, never on an event loop. A copy that cannot be stored is logged: the message
 * itself has gone.
 */
public class SentHistory {
    private static final Logger LOGGER = LoggerFactory.getLogger(SentHistory.class);
    private static final int THREADS = 4;
    private static final int QUEUED_TASKS = 1_000;

    private final MailboxAppender appender;
    private final UsersRepository usersRepository;
    private final ClientMessageMapping mapping;
    private final Scheduler scheduler;

    @Inject
    public SentHistory(MailboxManager mailboxManager, UsersRepository usersRepository, ClientMessageMapping mapping) {
        this.appender = new MailboxAppenderImpl(mailboxManager);
        this.usersRepository = usersRepository;
        this.mapping = mapping;
        this.scheduler = Schedulers.newBoundedElastic(THREADS, QUEUED_TASKS, "xmpp-c2s-history");
    }

    /** Completes once the copy is stored, or when there is nothing to store; never fails. */
    public Mono<Void> store(ClientSession session, Message message) {
        if (message.getTo() != null && session.jid().asBareJid().equals(message.getTo().asBareJid())) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            try {
                return append(session, message);
            } catch (Exception e) {
                return Mono.error(e);
            }
        })
            .subscribeOn(scheduler)
            .onErrorResume(error -> {
                LOGGER.warn("Could not keep message {} of {} in their mailbox: {}", LogSafe.of(message.getStanzaId()),
                    LogSafe.of(session.jid()), LogSafe.of(error));
                return Mono.empty();
            });
    }

    private Mono<Void> append(ClientSession session, Message message) throws Exception {
        Username user = usersRepository.getUsername(new MailAddress(session.jid().asBareJid().toString()));
        return mapping.map(session, message)
            .flatMap(mail -> mail.isEmpty() ? Mono.empty() : appendCopy(mail.get(), user))
            .doOnSuccess(id -> LOGGER.debug("Kept message {} of {} as {}", LogSafe.of(message.getStanzaId()),
                LogSafe.of(session.jid()), id))
            .then();
    }

    private Mono<?> appendCopy(InboundMail mail, Username user) {
        try {
            return Mono.from(appender.append(mail.toMimeMessage(), user, HistoryFolders.sentCopy(mail)));
        } catch (MessagingException e) {
            return Mono.error(e);
        }
    }

    @PreDestroy
    public void dispose() {
        scheduler.dispose();
    }
}
