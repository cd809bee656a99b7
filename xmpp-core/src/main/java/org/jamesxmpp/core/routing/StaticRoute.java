package org.jamesxmpp.core.routing;

import java.util.Locale;

import com.google.common.base.Preconditions;

/** A configured route: s2s traffic for {@code domain} goes to {@code host:port}, before any DNS lookup. */
public record StaticRoute(String domain, String host, int port) {
    public StaticRoute {
        Preconditions.checkArgument(domain != null && !domain.isBlank(), "route domain must not be blank");
        Preconditions.checkArgument(host != null && !host.isBlank(), "route host must not be blank for %s", domain);
        Preconditions.checkArgument(port > 0 && port < 65536, "route port %s out of range for %s", port, domain);
        domain = domain.toLowerCase(Locale.ROOT);
    }
}
