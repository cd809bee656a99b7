package org.jamesxmpp.listener.inbound;

import java.time.Duration;
import java.util.Set;

import org.jamesxmpp.core.mapping.MappingOptions;
import org.jivesoftware.smack.packet.Message;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;

/**
 * What the inbound side accepts: message types, the duplicate window, the mapping limits, and the host name
 * written as authserv-id into {@code Authentication-Results}.
 */
public record InboundSettings(Set<Message.Type> acceptedTypes, Duration dedupWindow, String receivingHost,
                              MappingOptions mappingOptions) {
    public InboundSettings {
        acceptedTypes = ImmutableSet.copyOf(acceptedTypes);
        Preconditions.checkArgument(!dedupWindow.isNegative(), "dedupWindow must not be negative");
    }
}
