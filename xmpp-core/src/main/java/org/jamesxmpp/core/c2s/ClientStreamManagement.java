package org.jamesxmpp.core.c2s;

import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlElement;

/**
 * XEP-0198 on a client stream, without resumption: after resource binding the client may {@code <enable/>}; then
 * every stanza it sends is counted once the stream handed it on (to the server's answers or the router), and a
 * {@code <r/>} is answered with that count. {@code <resume/>} fails ({@code item-not-found}): no session is kept
 * after its stream ends. The client's own acknowledgements are read and dropped: what it did not get of messages is in
 * its mailbox (MAM). Event-loop confined, one per stream.
 */
final class ClientStreamManagement {
    private static final long H_MASK = 0xFFFFFFFFL;

    private boolean enabled;
    private long handled;

    /** Whether {@code element} is XEP-0198's; its answer, if any, comes back. */
    static boolean isStreamManagement(XmlElement element) {
        return StreamXml.SM_NAMESPACE.equals(element.namespace());
    }

    /** @param bound whether a resource is bound (XEP-0198 3: enable only after binding) */
    Optional<String> onElement(XmlElement element, boolean bound) {
        return switch (element.name()) {
            case "enable" -> {
                if (enabled || !bound) {
                    yield Optional.of(StreamXml.streamManagementFailed("unexpected-request"));
                }
                enabled = true;
                yield Optional.of(StreamXml.streamManagementEnabled());
            }
            case "resume" -> Optional.of(StreamXml.streamManagementFailed("item-not-found"));
            case "r" -> enabled ? Optional.of(StreamXml.streamManagementAck(handled & H_MASK)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** A stanza of the client went on. */
    void handledStanza() {
        if (enabled) {
            handled++;
        }
    }

    boolean enabled() {
        return enabled;
    }
}
