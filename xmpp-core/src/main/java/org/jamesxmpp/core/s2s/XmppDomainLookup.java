package org.jamesxmpp.core.s2s;

import org.apache.james.core.Domain;

/** Whether mail to a domain can go over XMPP: what a matcher needs of the s2s engine. */
@FunctionalInterface
public interface XmppDomainLookup {
    /** Whether a domain declares an XMPP server (static route or DNS SRV); may block on DNS. */
    boolean domainSpeaksXmpp(Domain domain);
}
