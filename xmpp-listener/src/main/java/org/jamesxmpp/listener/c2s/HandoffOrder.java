package org.jamesxmpp.listener.c2s;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jamesxmpp.core.c2s.ClientSession;

import reactor.core.publisher.Mono;

/**
 * RFC 6120 10.1: a client's stanzas are handed on (to the recipient's resources, to the s2s engine's queue) in the
 * order the client sent them, though where each goes is looked up asynchronously first (James's users repository,
 * DNS), and such lookups may end in any order. Each stanza's hand-off waits for the one before it of the same session;
 * what follows the hand-off (mailbox copies, waiting for a peer's acknowledgement) does not. One entry per bound
 * session, forgotten when it ends. Thread-safe; a session's stanzas come one at a time (its stream's event loop).
 */
final class HandoffOrder {
    private final Map<ClientSession, CompletableFuture<Void>> lastHandoffs = new ConcurrentHashMap<>();

    /** {@code handoff}, subscribed once the session's previous hand-off ended (however it ended). */
    <T> Mono<T> inOrder(ClientSession session, Mono<T> handoff) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        CompletableFuture<Void> previous = lastHandoffs.put(session, ended);
        Mono<Void> turn = previous == null || previous.isDone() ? Mono.empty() : Mono.fromFuture(previous);
        return turn.then(handoff).doFinally(signal -> ended.complete(null));
    }

    void forget(ClientSession session) {
        lastHandoffs.remove(session);
    }
}
