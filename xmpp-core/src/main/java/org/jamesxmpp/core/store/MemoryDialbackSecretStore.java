package org.jamesxmpp.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import com.google.common.collect.ImmutableList;

/** The generations in this JVM's memory: one James (a new secret at every start). */
public class MemoryDialbackSecretStore implements DialbackSecretStore {
    private final Deque<DialbackSecret> newestFirst = new ArrayDeque<>();

    @Override
    public synchronized List<DialbackSecret> rotate(Instant now, Duration interval, Supplier<String> candidate) {
        List<DialbackSecret> current = ImmutableList.copyOf(newestFirst);
        if (DialbackSecretStore.due(current, now, interval)) {
            newestFirst.addFirst(current.isEmpty()
                ? new DialbackSecret(1, candidate.get(), now)
                : current.get(0).next(candidate.get(), now));
            while (newestFirst.size() > KEPT) {
                newestFirst.removeLast();
            }
        }
        return ImmutableList.copyOf(newestFirst);
    }
}
