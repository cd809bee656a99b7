package org.jamesxmpp.core.routing;

import java.net.InetSocketAddress;
import java.util.List;

import com.google.common.collect.ImmutableList;

/**
 * Where to connect for a domain, in order of preference.
 *
 * @param advertised true when the domain declared XMPP (static route or SRV record), false for the
 *     A/AAAA-on-5269 fallback
 * @param configured true for a static route (the administrator's choice, connected to whatever it resolves to), false
 *     for addresses from DNS
 */
public record S2sRoute(List<InetSocketAddress> addresses, boolean advertised, boolean configured) {
    public S2sRoute {
        addresses = ImmutableList.copyOf(addresses);
    }
}
