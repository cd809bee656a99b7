package org.jamesxmpp.listener.c2s;

import java.io.InputStream;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.DefaultMailboxes;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxConstants;
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
import org.jamesxmpp.core.mapping.XmppHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * XEP-0313 served from the mailbox: the user's archive is their {@code Chats} folder (both sides of every chat, see
 * {@link HistoryFolders}) merged with what came from XMPP in their {@code INBOX} (normal messages received) and
 * {@code Sent} (normal messages they sent), which the mapping marked with {@value XmppHeaders#JABBER_ID}. Each folder is
 * searched with James's mailbox search ({@code with} as a {@code From}/{@code To} header, {@code start}/{@code end} on
 * the date stored), sorted by the date stored; the folders are merged in that order ({@link ArchivePage}), the archive
 * id of a result being its {@link ArchiveKey}. One page at most ({@value ArchiveQuery#MAX_PAGE} mails) is read, on a
 * bounded scheduler of its own.
 */
public class MailboxArchive {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailboxArchive.class);
    private static final int THREADS = 2;
    private static final int QUEUED_TASKS = 1_000;
    /** The archived folders, in the order that breaks ties between them ({@link ArchiveKey#folder()}). */
    private static final List<String> FOLDERS = ImmutableList.of(HistoryFolders.CHATS, MailboxConstants.INBOX, DefaultMailboxes.SENT);

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
        return Mono.fromRunnable(() -> answer(session, id, query))
            .subscribeOn(scheduler)
            .onErrorResume(error -> {
                LOGGER.warn("Archive query of {} failed: {}", LogSafe.of(session.jid()), LogSafe.of(error));
                session.deliver(ClientStreamXml.stanzaError("iq", id, Optional.empty(), "wait", "internal-server-error"));
                return Mono.empty();
            })
            .then();
    }

    private void answer(ClientSession session, String id, ArchiveQuery query) {
        try {
            Username user = usersRepository.getUsername(new MailAddress(session.jid().asBareJid().toString()));
            MailboxSession mailboxSession = mailboxManager.createSystemSession(user);
            try {
                List<FolderSource> sources = sources(user, query, mailboxSession);
                ArchivePage page = ArchivePage.of(sources, query);
                for (ArchiveKey key : page.keys()) {
                    FolderSource source = sources.get(key.folder());
                    Flux.from(source.mailbox().getMessagesReactive(MessageRange.one(MessageUid.of(key.uid())),
                            FetchGroup.FULL_CONTENT, mailboxSession))
                        .toIterable()
                        .forEach(message -> deliver(session, query, key, message));
                }
                session.deliver(ClientStreamXml.archiveFin(id, page.first().map(ArchiveKey::id), page.last().map(ArchiveKey::id),
                    sources.stream().mapToInt(FolderSource::size).sum(), page.complete()));
            } finally {
                mailboxManager.endProcessingRequest(mailboxSession);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One source per archived folder, its index the folder's; a folder that does not exist is an empty one. */
    private List<FolderSource> sources(Username user, ArchiveQuery query, MailboxSession session) throws MailboxException {
        ImmutableList.Builder<FolderSource> sources = ImmutableList.builder();
        for (int folder = 0; folder < FOLDERS.size(); folder++) {
            List<SearchQuery.Criterion> criteria = criteria(query, folder != 0);
            try {
                MessageManager mailbox = mailboxManager.getMailbox(MailboxPath.forUser(user, FOLDERS.get(folder)), session);
                sources.add(FolderSource.search(folder, mailbox, session, criteria));
            } catch (MailboxNotFoundException e) {
                sources.add(FolderSource.none(folder, session));
            }
        }
        return sources.build();
    }

    private void deliver(ClientSession session, ArchiveQuery query, ArchiveKey key, MessageResult message) {
        byte[] mime;
        try (InputStream in = message.getFullContent().getInputStream()) {
            mime = in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the archived mail " + message.getUid(), e);
        }
        ArchivedMessages.result(session.jid(), query.queryId(), key.id(), mime, message.getInternalDate().toInstant(), options)
            .ifPresent(session::deliver);
    }

    /** The query's criteria; in a mail folder only what came from XMPP, which the mapping marked. */
    private static List<SearchQuery.Criterion> criteria(ArchiveQuery query, boolean mailFolder) {
        ImmutableList.Builder<SearchQuery.Criterion> criteria = ImmutableList.builder();
        criteria.add(SearchQuery.all());
        if (mailFolder) {
            criteria.add(SearchQuery.headerExists(XmppHeaders.JABBER_ID));
        }
        query.with().map(Object::toString).ifPresent(with -> criteria.add(SearchQuery.or(
            SearchQuery.headerContains("From", with), SearchQuery.headerContains("To", with))));
        query.start().ifPresent(start -> criteria.add(SearchQuery.or(
            SearchQuery.internalDateAfter(Date.from(start), SearchQuery.DateResolution.Second),
            SearchQuery.internalDateOn(Date.from(start), SearchQuery.DateResolution.Second))));
        query.end().ifPresent(end -> criteria.add(SearchQuery.or(
            SearchQuery.internalDateBefore(Date.from(end), SearchQuery.DateResolution.Second),
            SearchQuery.internalDateOn(Date.from(end), SearchQuery.DateResolution.Second))));
        return criteria.build();
    }

    @PreDestroy
    public void dispose() {
        scheduler.dispose();
    }
}
