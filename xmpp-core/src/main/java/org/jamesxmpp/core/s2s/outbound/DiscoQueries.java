package org.jamesxmpp.core.s2s.outbound;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.DomainPair;
import org.jamesxmpp.core.s2s.codec.XmlBuilder;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableSet;
import com.google.common.io.BaseEncoding;

/**
 * Our XEP-0030 disco#info questions to remote servers and their answers, which come back on the peer's incoming
 * stream: an answer is matched by remote domain and id. A question nobody answers within the timeout, an error
 * answer or a send that fails all give the empty set of features: the caller then does without them.
 */
final class DiscoQueries {
    static final String NAMESPACE = "http://jabber.org/protocol/disco#info";
    private static final String ID_PREFIX = "jx-disco-";
    private static final Logger LOGGER = LoggerFactory.getLogger(DiscoQueries.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Key(String remoteDomain, String id) {
    }

    private final Map<Key, CompletableFuture<Set<String>>> pending = new ConcurrentHashMap<>();
    private final Duration timeout;

    DiscoQueries(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @param sendIq sends the iq (this XML, with this id) on the pair's outgoing stream; completes once the peer took it
     */
    CompletableFuture<Set<String>> ask(DomainPair pair, BiFunction<String, String, CompletableFuture<Void>> sendIq) {
        String id = newId();
        Key key = new Key(pair.remote(), id);
        CompletableFuture<Set<String>> answer = new CompletableFuture<>();
        pending.put(key, answer);
        sendIq.apply(id, query(pair, id)).whenComplete((any, failure) -> {
            if (failure != null) {
                LOGGER.info("disco#info to {} not sent: {}", LogSafe.of(pair.remote()), LogSafe.of(failure));
                answer.complete(ImmutableSet.of());
            }
        });
        return answer.completeOnTimeout(ImmutableSet.of(), timeout.toMillis(), TimeUnit.MILLISECONDS)
            .whenComplete((any, failure) -> pending.remove(key, answer));
    }

    static String query(DomainPair pair, String id) {
        return XmlBuilder.element("iq").attribute("type", "get").attribute("from", pair.local())
            .attribute("to", pair.remote()).attribute("id", id)
            .child(XmlBuilder.element(NAMESPACE, "query")).toXml();
    }

    /** @return whether {@code iq} (a result or an error) answered one of our questions */
    boolean answered(String remoteDomain, String id, XmlElement iq) {
        if (!id.startsWith(ID_PREFIX)) {
            return false;
        }
        Optional.ofNullable(pending.remove(new Key(remoteDomain, id)))
            .ifPresent(answer -> answer.complete(features(iq)));
        return true;
    }

    private static Set<String> features(XmlElement iq) {
        if (!iq.attribute("type").map("result"::equals).orElse(false)) {
            return ImmutableSet.of();
        }
        return iq.child(NAMESPACE, "query").stream()
            .flatMap(query -> query.children().stream())
            .filter(child -> child.is(NAMESPACE, "feature"))
            .flatMap(feature -> feature.attribute("var").stream())
            .collect(ImmutableSet.toImmutableSet());
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return ID_PREFIX + BaseEncoding.base32Hex().omitPadding().lowerCase().encode(bytes);
    }
}
