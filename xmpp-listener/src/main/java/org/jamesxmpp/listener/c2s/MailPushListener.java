package org.jamesxmpp.listener.c2s;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.events.Registration;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.c2s.MailNotices;
import org.jamesxmpp.core.c2s.MailPush;
import org.jamesxmpp.core.c2s.SessionRegistry;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mapping.MappingOptions;
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
 * Mail delivered to the INBOX of a user with online resources reaches them as a stanza too ({@link MailNotices}).
 * Listens to James's mailbox events (deliveries only, not IMAP APPENDs); reads the mail on a bounded scheduler of its
 * own. A mail that came from XMPP ({@code Jabber-ID}, written by the mapping) reached the client as a stanza already.
 */
public class MailPushListener implements EventListener.ReactiveGroupEventListener {
    public static class PushGroup extends Group {
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(MailPushListener.class);
    private static final Group GROUP = new PushGroup();
    private static final int THREADS = 2;
    private static final int QUEUED_TASKS = 1_000;
    private static final Pattern XMPP_ORIGIN_HEADER = Pattern.compile("(?im)^Jabber-ID:");
    private static final int HEADER_SCAN_BYTES = 64 * 1024;

    private final MailboxManager mailboxManager;
    private final EventBus eventBus;
    private final SessionRegistry sessions;
    private final MappingOptions options;
    private final MailPush push;
    private final Scheduler scheduler;
    private Optional<Registration> registration = Optional.empty();

    @Inject
    public MailPushListener(MailboxManager mailboxManager, EventBus eventBus, SessionRegistry sessions, MappingOptions options,
                            MailPush push) {
        this.mailboxManager = mailboxManager;
        this.eventBus = eventBus;
        this.sessions = sessions;
        this.options = options;
        this.push = push;
        this.scheduler = Schedulers.newBoundedElastic(THREADS, QUEUED_TASKS, "xmpp-c2s-mail-push");
    }

    /** Starts listening to deliveries, unless {@code c2s/mailToClient} is {@code off}. */
    public synchronized void start() {
        if (push != MailPush.OFF && registration.isEmpty()) {
            registration = Optional.of(eventBus.register(this));
            LOGGER.info("New mail is shown to online XMPP clients ({})", push.configName());
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
        return event instanceof MailboxEvents.Added added && added.isDelivery()
            && MailboxConstants.INBOX.equalsIgnoreCase(added.getMailboxPath().getName());
    }

    @Override
    public Mono<Void> reactiveEvent(Event event) {
        MailPush mode = push;
        if (!(event instanceof MailboxEvents.Added added) || !isHandling(event)) {
            return Mono.empty();
        }
        Optional<EntityBareJid> user = jid(added.getUsername());
        if (user.isEmpty() || sessions.sessions(user.get()).isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(added.getUids())
            .concatMap(uid -> push(mode, added, uid, user.get()))
            .subscribeOn(scheduler)
            .onErrorResume(error -> {
                LOGGER.warn("Could not show new mail of {} to their XMPP clients: {}", LogSafe.of(user.get()), LogSafe.of(error));
                return Mono.empty();
            })
            .then();
    }

    private Mono<Void> push(MailPush mode, MailboxEvents.Added added, MessageUid uid, EntityBareJid user) {
        if (added.getMetaData(uid).getSize() > options.maxMimeBytes()) {
            return Mono.empty();
        }
        MailboxSession session = mailboxManager.createSystemSession(added.getUsername());
        return Mono.from(mailboxManager.getMailboxReactive(added.getMailboxId(), session))
            .flatMapMany(mailbox -> mailbox.getMessagesReactive(MessageRange.one(uid), FetchGroup.FULL_CONTENT, session))
            .next()
            .map(MailPushListener::bytes)
            .filter(mime -> !fromXmpp(mime))
            .flatMap(mime -> Mono.justOrEmpty(MailNotices.of(mode, mime, user, options)))
            .doOnNext(stanza -> deliver(user, stanza))
            .doFinally(any -> mailboxManager.endProcessingRequest(session))
            .then();
    }

    private void deliver(EntityBareJid user, Message stanza) {
        List<ClientSession> online = sessions.sessions(user);
        online.forEach(session -> session.deliver(stanza));
        LOGGER.info("Showed mail {} to {} online resources of {}", LogSafe.of(stanza.getStanzaId()), online.size(), LogSafe.of(user));
    }

    private static byte[] bytes(MessageResult message) {
        try (InputStream in = message.getFullContent().getInputStream()) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the mail " + message.getUid(), e);
        }
    }

    /** Whether the header section names a {@code Jabber-ID}. */
    private static boolean fromXmpp(byte[] mime) {
        String text = new String(mime, 0, Math.min(mime.length, HEADER_SCAN_BYTES), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return XMPP_ORIGIN_HEADER.matcher(end < 0 ? text : text.substring(0, end)).find();
    }

    private static Optional<EntityBareJid> jid(Username username) {
        return username.hasDomainPart()
            ? Optional.ofNullable(JidCreate.entityBareFromOrNull(username.asString()))
            : Optional.empty();
    }

    @PreDestroy
    public void dispose() {
        stop();
        scheduler.dispose();
    }
}
