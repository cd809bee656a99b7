package org.jamesxmpp.listener.c2s;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.user.api.UsersRepository;
import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.ReferencedMails;
import org.jivesoftware.smack.packet.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Finds in the sender's own mailboxes the mails a client's message refers to: the one its XEP-0461 reply answers and
 * the ones its XEP-0297 forwards, in the user's own mailboxes (never another user's), by the {@code Message-ID} their stanza ids stand for ({@link ReferencedMails}), with
 * James's mailbox search, on a bounded scheduler of its own. A message that refers to nothing costs no search; a
 * search that fails counts as not found (the reply is threaded by its id alone, the forward quoted).
 */
public class MailboxReferences {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailboxReferences.class);
    private static final int THREADS = 2;
    private static final int QUEUED_TASKS = 1_000;

    private final MailboxManager mailboxManager;
    private final UsersRepository usersRepository;
    private final Scheduler scheduler;

    @Inject
    public MailboxReferences(MailboxManager mailboxManager, UsersRepository usersRepository) {
        this.mailboxManager = mailboxManager;
        this.usersRepository = usersRepository;
        this.scheduler = Schedulers.newBoundedElastic(THREADS, QUEUED_TASKS, "xmpp-c2s-references");
    }

    public Mono<ReferencedMails> of(ClientSession session, Message message) {
        Optional<String> repliedTo = ReferencedMails.repliedToMessageId(message);
        List<Optional<String>> forwarded = ReferencedMails.forwardedMessageIds(message);
        if (repliedTo.isEmpty() && forwarded.isEmpty()) {
            return Mono.just(ReferencedMails.found(Optional.empty(), List.of()));
        }
        return Mono.defer(() -> {
            try {
                Username user = usersRepository.getUsername(new MailAddress(session.jid().asBareJid().toString()));
                MailboxSession mailboxSession = mailboxManager.createSystemSession(user);
                // the user's own mailboxes only: list() of a system session names every user's
                return mailboxManager.search(MailboxQuery.privateMailboxesBuilder(mailboxSession).build(), mailboxSession)
                    .map(MailboxMetaData::getPath)
                    .filter(path -> path.belongsTo(mailboxSession))
                    .collectList()
                    .flatMap(mailboxes -> lookUp(repliedTo, forwarded, mailboxes, mailboxSession));
            } catch (Exception e) {
                return Mono.error(e);
            }
        })
            .subscribeOn(scheduler)
            .onErrorResume(error -> {
                LOGGER.info("Mails referred to by message {} of {} not looked up: {}", LogSafe.of(message.getStanzaId()),
                    LogSafe.of(session.jid()), LogSafe.of(error));
                return Mono.just(ReferencedMails.found(Optional.empty(), forwarded.stream().map(any -> Optional.<byte[]>empty()).toList()));
            });
    }

    private Mono<ReferencedMails> lookUp(Optional<String> repliedTo, List<Optional<String>> forwarded, List<MailboxPath> mailboxes,
                                         MailboxSession mailboxSession) {
        return find(repliedTo, mailboxes, mailboxSession)
            .flatMap(parent -> Flux.fromIterable(forwarded)
                .concatMap(id -> find(id, mailboxes, mailboxSession))
                .collectList()
                .map(originals -> ReferencedMails.found(parent, originals)));
    }

    private Mono<Optional<byte[]>> find(Optional<String> messageId, List<MailboxPath> mailboxes, MailboxSession session) {
        if (messageId.isEmpty()) {
            return Mono.just(Optional.empty());
        }
        SearchQuery query = SearchQuery.of(SearchQuery.headerContains("Message-ID", messageId.get()));
        return Flux.fromIterable(mailboxes)
            .concatMap(path -> Mono.from(mailboxManager.getMailboxReactive(path, session))
                .flatMapMany(mailbox -> first(mailbox, query, session))
                .onErrorResume(MailboxNotFoundException.class, e -> Flux.empty()), 1)
            .next()
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty());
    }

    private static Flux<byte[]> first(MessageManager mailbox, SearchQuery query, MailboxSession session) {
        return Mono.fromCallable(() -> mailbox.search(query, session))
            .flatMapMany(Flux::from)
            .take(1)
            .concatMap(uid -> Flux.from(mailbox.getMessagesReactive(MessageRange.one(uid), FetchGroup.FULL_CONTENT, session)))
            .map(MailboxReferences::bytes);
    }

    private static byte[] bytes(MessageResult message) {
        try (InputStream in = message.getFullContent().getInputStream()) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read mail " + message.getUid(), e);
        }
    }

    @PreDestroy
    public void dispose() {
        scheduler.dispose();
    }
}
