package org.jamesxmpp.listener.c2s;

import java.io.InputStream;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.user.api.UsersRepository;
import org.jamesxmpp.core.c2s.ArchiveQuery;
import org.jamesxmpp.core.c2s.ArchivedMessages;
import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.c2s.ClientStreamXml;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.MappingOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * XEP-0313 served from the mailbox: the user's archive is their {@code Chats} folder (both sides of every chat, see
 * {@link HistoryFolders}), searched with James's mailbox search ({@code with} as a {@code From}/{@code To} header,
 * {@code start}/{@code end} on the date stored); the archive id of a result is the mail's IMAP UID, which XEP-0059
 * pages by. One page at most ({@value ArchiveQuery#MAX_PAGE} mails) is read, on a bounded scheduler of its own.
 */
public class MailboxArchive {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailboxArchive.class);
    private static final int THREADS = 2;
    private static final int QUEUED_TASKS = 1_000;

    private final MailboxManager mailboxManager;
    private final UsersRepository usersRepository;
    private final MappingOptions options;
    private final Scheduler scheduler;

    @Inject
    public MailboxArchive(MailboxManager mailboxManager, UsersRepository usersRepository, MappingOptions options) {
        this.mailboxManager = mailboxManager;
        this.usersRepository = usersRepository;
        this.options = options;
        this.scheduler = Schedulers.newBoundedElastic(THREADS, QUEUED_TASKS, "xmpp-c2s-archive");
    }

    public Mono<Void> query(ClientSession session, String id, ArchiveQuery query) {
        return Mono.defer(() -> {
            try {
                Username user = usersRepository.getUsername(new MailAddress(session.jid().asBareJid().toString()));
                MailboxSession mailboxSession = mailboxManager.createSystemSession(user);
                return Mono.from(mailboxManager.getMailboxReactive(MailboxPath.forUser(user, HistoryFolders.CHATS), mailboxSession))
                    .flatMap(chats -> answer(session, id, query, chats, mailboxSession))
                    .onErrorResume(MailboxNotFoundException.class,
                        e -> Mono.fromRunnable(() -> session.deliver(ClientStreamXml.archiveFin(id, Optional.empty(),
                            Optional.empty(), 0, true))));
            } catch (Exception e) {
                return Mono.error(e);
            }
        })
            .subscribeOn(scheduler)
            .onErrorResume(error -> {
                LOGGER.warn("Archive query of {} failed: {}", LogSafe.of(session.jid()), LogSafe.of(error));
                session.deliver(ClientStreamXml.stanzaError("iq", id, Optional.empty(), "wait", "internal-server-error"));
                return Mono.empty();
            });
    }

    private Mono<Void> answer(ClientSession session, String id, ArchiveQuery query, MessageManager chats,
                              MailboxSession mailboxSession) {
        return Mono.fromCallable(() -> chats.search(search(query), mailboxSession))
            .flatMapMany(Flux::from)
            .collectSortedList()
            .flatMap(uids -> {
                ArchivePage page = ArchivePage.of(uids, query);
                return Flux.fromIterable(page.uids())
                    .concatMap(uid -> Flux.from(chats.getMessagesReactive(MessageRange.one(uid), FetchGroup.FULL_CONTENT,
                        mailboxSession)))
                    .doOnNext(message -> deliver(session, query, message))
                    .then(Mono.fromRunnable(() -> session.deliver(ClientStreamXml.archiveFin(id,
                        page.first().map(MessageUid::asLong).map(String::valueOf),
                        page.last().map(MessageUid::asLong).map(String::valueOf), uids.size(), page.complete()))));
            });
    }

    private void deliver(ClientSession session, ArchiveQuery query, MessageResult message) {
        byte[] mime;
        try (InputStream in = message.getFullContent().getInputStream()) {
            mime = in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the archived mail " + message.getUid(), e);
        }
        ArchivedMessages.result(session.jid(), query.queryId(), String.valueOf(message.getUid().asLong()), mime,
                message.getInternalDate().toInstant(), options)
            .ifPresent(session::deliver);
    }

    private static SearchQuery search(ArchiveQuery query) {
        ImmutableList.Builder<SearchQuery.Criterion> criteria = ImmutableList.builder();
        criteria.add(SearchQuery.all());
        query.with().map(Object::toString).ifPresent(with -> criteria.add(SearchQuery.or(
            SearchQuery.headerContains("From", with), SearchQuery.headerContains("To", with))));
        query.start().ifPresent(start -> criteria.add(SearchQuery.or(
            SearchQuery.internalDateAfter(Date.from(start), SearchQuery.DateResolution.Second),
            SearchQuery.internalDateOn(Date.from(start), SearchQuery.DateResolution.Second))));
        query.end().ifPresent(end -> criteria.add(SearchQuery.or(
            SearchQuery.internalDateBefore(Date.from(end), SearchQuery.DateResolution.Second),
            SearchQuery.internalDateOn(Date.from(end), SearchQuery.DateResolution.Second))));
        List<SearchQuery.Criterion> all = criteria.build();
        return SearchQuery.of(all.toArray(SearchQuery.Criterion[]::new));
    }

    @PreDestroy
    public void dispose() {
        scheduler.dispose();
    }
}
