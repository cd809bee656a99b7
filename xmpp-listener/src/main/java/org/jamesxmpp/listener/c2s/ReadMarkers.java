package org.jamesxmpp.listener.c2s;

import java.time.Duration;
import java.util.Optional;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.user.api.UsersRepository;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.MessageIds;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.chat_markers.element.ChatMarkersElements;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * XEP-0333 read state into the mailbox: a {@code <displayed id='X'/>} marker the user sends to a contact flags
 * {@code \Seen} the chat it names in the user's {@code Chats} (the mail whose {@code Message-ID} the mapping made of
 * stanza id X from the contact's domain), so that IMAP shows it read. On a bounded scheduler of its own; a marker for
 * a mail that is not found (after a few searches a few seconds apart: a search index may lag) changes nothing.
 */
public class ReadMarkers {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReadMarkers.class);
    private static final String NAMESPACE = "urn:xmpp:chat-markers:0";
    private static final int THREADS = 1;
    private static final int QUEUED_TASKS = 1_000;
    /** Lucene (the persistent flavour) commits its index every 5 s: a marker sent at once may find nothing before. */
    private static final int SEARCH_RETRIES = 3;
    private static final Duration SEARCH_RETRY_DELAY = Duration.ofSeconds(3);

    private final MailboxManager mailboxManager;
    private final UsersRepository usersRepository;
    private final Scheduler scheduler;

    @Inject
    public ReadMarkers(MailboxManager mailboxManager, UsersRepository usersRepository) {
        this.mailboxManager = mailboxManager;
        this.usersRepository = usersRepository;
        this.scheduler = Schedulers.newBoundedElastic(THREADS, QUEUED_TASKS, "xmpp-c2s-read-markers");
    }

    /** The id a {@code <displayed/>} marker of the message names, whichever way Smack parsed it. */
    static Optional<String> displayedId(Message message) {
        ExtensionElement marker = message.getExtensionElement(ChatMarkersElements.DisplayedExtension.ELEMENT, NAMESPACE);
        if (marker instanceof ChatMarkersElements.DisplayedExtension displayed) {
            return Optional.ofNullable(displayed.getId()).filter(id -> !id.isEmpty());
        }
        if (marker instanceof StandardExtensionElement standard) {
            return Optional.ofNullable(standard.getAttributeValue("id")).filter(id -> !id.isEmpty());
        }
        return Optional.empty();
    }

    /** Flags {@code \Seen} what the marker of {@code message}, sent by {@code user}, names; nothing without a marker. */
    public Mono<Void> seen(EntityBareJid user, Message message) {
        Optional<String> id = displayedId(message);
        if (id.isEmpty() || message.getTo() == null) {
            return Mono.empty();
        }
        String messageId = MessageIds.toMsgId(id.get(), message.getTo().getDomain().toString());
        return Mono.defer(() -> {
            try {
                Username username = usersRepository.getUsername(new MailAddress(user.toString()));
                MailboxSession session = mailboxManager.createSystemSession(username);
                return Mono.from(mailboxManager.getMailboxReactive(MailboxPath.forUser(username, HistoryFolders.CHATS), session))
                    .flatMap(chats -> flag(chats, messageId, session));
            } catch (Exception e) {
                return Mono.error(e);
            }
        })
            .subscribeOn(scheduler)
            .onErrorResume(MailboxNotFoundException.class, e -> Mono.empty())
            .onErrorResume(error -> {
                LOGGER.info("Read marker of {} not applied: {}", LogSafe.of(user), LogSafe.of(error));
                return Mono.empty();
            });
    }

    private Mono<Void> flag(MessageManager chats, String messageId, MailboxSession session) {
        return Mono.fromCallable(() -> chats.search(SearchQuery.of(SearchQuery.headerContains("Message-ID", messageId)), session))
            .flatMapMany(Flux::from)
            .collectList()
            .flatMap(uids -> uids.isEmpty() ? Mono.error(new NotFound()) : Mono.fromCallable(() -> {
                for (MessageUid uid : uids) {
                    chats.setFlags(seenAndDisplayed(), MessageManager.FlagsUpdateMode.ADD, MessageRange.one(uid), session);
                }
                return uids.size();
            }))
            .retryWhen(Retry.fixedDelay(SEARCH_RETRIES, SEARCH_RETRY_DELAY).filter(NotFound.class::isInstance).scheduler(scheduler))
            .onErrorResume(error -> error instanceof NotFound || Exceptions.isRetryExhausted(error), any -> Mono.empty())
            .then();
    }

    /** The client sent the marker itself: the server must not send one when the chat turns {@code \Seen}. */
    private static Flags seenAndDisplayed() {
        Flags flags = new Flags(Flags.Flag.SEEN);
        flags.add(HistoryFolders.DISPLAYED_KEYWORD);
        return flags;
    }

    /** The mail is not found (yet: a search index may lag behind the delivery of a moment ago). */
    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound() {
            super(null, null, false, false);
        }
    }

    @PreDestroy
    public void dispose() {
        scheduler.dispose();
    }
}
