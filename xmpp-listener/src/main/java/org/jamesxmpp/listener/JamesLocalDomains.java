package org.jamesxmpp.listener;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.jamesxmpp.core.s2s.LocalDomains;

/** James's domains are the local XMPP domains. */
public class JamesLocalDomains implements LocalDomains {
    private final DomainList domainList;

    @Inject
    public JamesLocalDomains(DomainList domainList) {
        this.domainList = domainList;
    }

    @Override
    public boolean isLocal(Domain domain) {
        try {
            return domainList.containsDomain(domain);
        } catch (DomainListException e) {
            return false;
        }
    }
}
