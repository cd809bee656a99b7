package org.jamesxmpp.listener.c2s;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.events.Registration;
import org.apache.james.mailbox.events.MailboxEvents;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Messages on their way into a user's mailbox: a message goes to its recipient's online resources at once and into
 * the mailbox through James's spool a moment later (and into the sender's own copy after it went), so an archive
 * query made the moment a client got a message would miss it. Routing notes each message with a body for each
 * local mailbox it will reach; a delivery to that user's mailbox (James's event bus: {@code Added}, delivery) takes
 * the oldest note off; a note expires after {@value #EXPIRY_SECONDS} s (a message that never got stored). Bounded:
 * {@value #MAX_PER_USER} notes per user.
 */
public class ArchiveArrivals implements EventListener.GroupEventListener {
    public static class ArrivalsGroup extends Group {
    }

    static final int EXPIRY_SECONDS = 5;
    static final int MAX_PER_USER = 1_000;
    private static final Group GROUP = new ArrivalsGroup();
    private static final Duration EXPIRY = Duration.ofSeconds(EXPIRY_SECONDS);

    private final EventBus eventBus;
    private final Clock clock;
    private final Map<EntityBareJid, Deque<Instant>> expected = new ConcurrentHashMap<>();
    private Optional<Registration> registration = Optional.empty();

    @Inject
    public ArchiveArrivals(EventBus eventBus, Clock clock) {
        this.eventBus = eventBus;
        this.clock = clock;
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

    /** Notes that {@code message} will reach {@code user}'s mailbox, when it will be a mail (it has a body). */
    public void expect(EntityBareJid user, Message message) {
        if (message.getBody() == null) {
            return;
        }
        expected.compute(user, (key, notes) -> {
            Deque<Instant> kept = notes == null ? new ArrayDeque<>() : notes;
            if (kept.size() >= MAX_PER_USER) {
                kept.pollFirst();
            }
            kept.addLast(clock.instant());
            return kept;
        });
    }

    /** Whether a message noted for {@code user} was not stored yet (nor expired). */
    public boolean pending(EntityBareJid user) {
        Instant oldest = clock.instant().minus(EXPIRY);
        Deque<Instant> notes = expected.computeIfPresent(user, (key, kept) -> {
            while (!kept.isEmpty() && kept.peekFirst().isBefore(oldest)) {
                kept.pollFirst();
            }
            return kept.isEmpty() ? null : kept;
        });
        return notes != null;
    }

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MailboxEvents.Added added && added.isDelivery();
    }

    @Override
    public void event(Event event) {
        if (!(event instanceof MailboxEvents.Added added) || !added.isDelivery()) {
            return;
        }
        Optional.ofNullable(JidCreate.entityBareFromOrNull(added.getUsername().asString()))
            .ifPresent(user -> {
                for (int uid = 0; uid < added.getUids().size(); uid++) {
                    expected.computeIfPresent(user, (key, kept) -> {
                        kept.pollFirst();
                        return kept.isEmpty() ? null : kept;
                    });
                }
            });
    }
}
