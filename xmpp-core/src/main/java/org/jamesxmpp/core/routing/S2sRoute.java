package org.jamesxmpp.core.routing;

import java.net.InetSocketAddress;
import java.util.List;

import com.google.common.collect.ImmutableList;

/**
 * Where to connect for a domain, in order of preference.
 *
 * @param advertised true when the domain declared XMPP (static route or SRV record), false for the
 *     A/AAAA-on-5269 fallback
 */
public record S2sRoute(List<InetSocketAddress> addresses, boolean advertised) {
    public S2sRoute {
        addresses = ImmutableList.copyOf(addresses);
    }
}
