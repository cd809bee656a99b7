package org.jamesxmpp.listener.c2s;

import java.io.InputStream;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.events.Registration;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.jamesxmpp.core.c2s.DisplayedMarkers;
import org.jamesxmpp.core.log.LogSafe;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * XEP-0333 read state out of the mailbox: a chat in {@code Chats} ({@value HistoryFolders#CHAT_KEYWORD}) that becomes
 * {@code \Seen} (an IMAP STORE, a webmail) sends the sender a {@code <displayed/>} marker when their stanza asked for
 * markers ({@link DisplayedMarkers}). Once per mail: the mail gets {@value HistoryFolders#DISPLAYED_KEYWORD} (which a
 * marker from the user's own client sets too, so that a chat read in a client is not marked twice). Of the chats one
 * flag change makes read, at most {@value #MAX_READ_PER_EVENT} (the latest) are read, and each sender gets the marker
 * of its latest chat only (a marker means "read up to here"). On a bounded scheduler of its own.
 */
public class SeenChatsListener implements EventListener.ReactiveGroupEventListener {
    public static class SeenChatsGroup extends Group {
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(SeenChatsListener.class);
    private static final Group GROUP = new SeenChatsGroup();
    private static final int THREADS = 1;
    private static final int QUEUED_TASKS = 1_000;
    static final int MAX_READ_PER_EVENT = 50;

    private final MailboxManager mailboxManager;
    private final EventBus eventBus;
    private final MarkerOut markers;
    private final Scheduler scheduler;
    private Optional<Registration> registration = Optional.empty();

    @Inject
    public SeenChatsListener(MailboxManager mailboxManager, EventBus eventBus, MarkerOut markers) {
        this.mailboxManager = mailboxManager;
        this.eventBus = eventBus;
        this.markers = markers;
        this.scheduler = Schedulers.newBoundedElastic(THREADS, QUEUED_TASKS, "xmpp-c2s-seen-chats");
    }

    public synchronized void start() {
        if (registration.isEmpty()) {
            registration = Optional.of(eventBus.register(this));
        }
    }

    public synchronized void stop() {
        registration.ifPresent(Registration::unregister);
        registration = Optional.empty();
    }

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MailboxEvents.FlagsUpdated updated
            && HistoryFolders.CHATS.equals(updated.getMailboxPath().getName())
            && updated.getUpdatedFlags().stream().anyMatch(SeenChatsListener::newlyRead);
    }

    /** A chat that became {@code \Seen} now, and for which no marker went yet. */
    static boolean newlyRead(UpdatedFlags flags) {
        return flags.isModifiedToSet(Flags.Flag.SEEN)
            && flags.getNewFlags().contains(HistoryFolders.CHAT_KEYWORD)
            && !flags.getNewFlags().contains(HistoryFolders.DISPLAYED_KEYWORD);
    }

    @Override
    public Mono<Void> reactiveEvent(Event event) {
        if (!(event instanceof MailboxEvents.FlagsUpdated updated) || !isHandling(event)) {
            return Mono.empty();
        }
        Optional<EntityBareJid> reader = Optional.ofNullable(JidCreate.entityBareFromOrNull(updated.getUsername().asString()));
        if (reader.isEmpty()) {
            return Mono.empty();
        }
        List<MessageUid> read = updated.getUpdatedFlags().stream()
            .filter(SeenChatsListener::newlyRead)
            .map(UpdatedFlags::getUid)
            .sorted(Comparator.reverseOrder())
            .limit(MAX_READ_PER_EVENT)
            .toList();
        return Mono.defer(() -> markRead(updated, read, reader.get()))
            .subscribeOn(scheduler)
            .onErrorResume(error -> {
                LOGGER.warn("Read markers of {} not sent: {}", LogSafe.of(reader.get()), LogSafe.of(error));
                return Mono.empty();
            });
    }

    private Mono<Void> markRead(MailboxEvents.FlagsUpdated updated, List<MessageUid> latestFirst, EntityBareJid reader) {
        MailboxSession session = mailboxManager.createSystemSession(updated.getUsername());
        return Mono.from(mailboxManager.getMailboxReactive(updated.getMailboxId(), session))
            .flatMap(chats -> Flux.fromIterable(latestFirst)
                .concatMap(uid -> Flux.from(chats.getMessagesReactive(MessageRange.one(uid), FetchGroup.HEADERS, session)))
                .map(SeenChatsListener::headers)
                .collectList()
                .flatMap(headerSections -> send(reader, headerSections))
                .then(Mono.fromCallable(() -> {
                    Flags displayed = new Flags(HistoryFolders.DISPLAYED_KEYWORD);
                    for (MessageUid uid : latestFirst) {
                        chats.setFlags(displayed, MessageManager.FlagsUpdateMode.ADD, MessageRange.one(uid), session);
                    }
                    return latestFirst.size();
                })))
            .doFinally(any -> mailboxManager.endProcessingRequest(session))
            .then();
    }

    /** The latest marker for each sender. */
    private Mono<Void> send(EntityBareJid reader, List<byte[]> latestFirst) {
        Set<String> senders = new HashSet<>();
        return Flux.fromIterable(latestFirst)
            .flatMapIterable(header -> DisplayedMarkers.of(reader, header).stream().toList())
            .filter(marker -> senders.add(marker.getTo().asBareJid().toString()))
            .concatMap((Message marker) -> markers.send(marker))
            .then();
    }

    private static byte[] headers(MessageResult message) {
        try (InputStream in = message.getHeaders().getInputStream()) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the chat " + message.getUid(), e);
        }
    }

    @PreDestroy
    public void dispose() {
        stop();
        scheduler.dispose();
    }
}
