package org.jamesxmpp.listener.configuration;

import com.google.common.base.Preconditions;

/**
 * {@code <route domain="a.test" host="127.0.0.2" port="5269"/>}: where to connect for a remote XMPP domain,
 * used before DNS SRV.
 */
public record StaticRoute(String domain, HostPort target) {
    public StaticRoute {
        Preconditions.checkArgument(!domain.isBlank(), "domain must not be blank");
    }
}
