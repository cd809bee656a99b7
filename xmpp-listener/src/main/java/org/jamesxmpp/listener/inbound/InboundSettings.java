package org.jamesxmpp.listener.inbound;

import java.util.Set;

import org.jamesxmpp.core.mapping.MappingOptions;
import org.jivesoftware.smack.packet.Message;

import com.google.common.collect.ImmutableSet;

/**
 * What the inbound side accepts: message types and the mapping limits, and the host name written as authserv-id
 * into {@code Authentication-Results}. (The duplicate window belongs to the dedup store.)
 */
public record InboundSettings(Set<Message.Type> acceptedTypes, String receivingHost, MappingOptions mappingOptions) {
    public InboundSettings {
        acceptedTypes = ImmutableSet.copyOf(acceptedTypes);
    }
}
