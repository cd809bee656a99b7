package org.jamesxmpp.core.s2s;

/** Which XMPP domains this server serves (backed by James's domain list). */
@FunctionalInterface
public interface LocalDomains {
    boolean isLocal(String domain);
}
