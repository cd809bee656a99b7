package org.jamesxmpp.core.routing;

import java.time.Duration;

/** One {@code _xmpp-server._tcp} SRV answer. */
public record SrvTarget(String host, int port, int priority, int weight, Duration ttl) {
}
