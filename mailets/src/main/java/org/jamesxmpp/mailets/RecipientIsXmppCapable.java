package org.jamesxmpp.mailets;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.mail.XmppMailAttributes;
import org.jamesxmpp.core.s2s.XmppDomainLookup;
import org.jamesxmpp.mailets.capability.Preference;
import org.jamesxmpp.mailets.capability.XmppCapabilityCondition;
import org.jamesxmpp.mailets.remote.delivery.XmppDeliveryAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

/**
 * Matches the recipients that go over XMPP: their domain is not ours, declares an XMPP server (static route or DNS
 * SRV {@code _xmpp-server._tcp}, answers cached by the router) and is permitted by the condition
 * ({@link XmppCapabilityCondition}: {@code prefer=xmpp|smtp}, {@code allow=}, {@code deny=}). Never matches a mail
 * that XMPP already gave up on (SMTP fallback), nor the domain a mail came in from over XMPP.
 */
public class RecipientIsXmppCapable extends GenericMatcher {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecipientIsXmppCapable.class);

    private final XmppDomainLookup xmppDomains;
    private final DNSService dnsService;
    private XmppCapabilityCondition condition;

    @Inject
    public RecipientIsXmppCapable(XmppDomainLookup xmppDomains, DNSService dnsService) {
        this.xmppDomains = xmppDomains;
        this.dnsService = dnsService;
    }

    @Override
    public void init() throws MessagingException {
        condition = XmppCapabilityCondition.parse(Optional.ofNullable(getCondition()));
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        if (XmppDeliveryAttributes.isFallenBack(mail)) {
            return ImmutableList.of();
        }
        Optional<String> cameFrom = mail.getAttribute(XmppMailAttributes.AUTHENTICATED_PEER)
            .map(attribute -> attribute.getValue().value())
            .filter(String.class::isInstance)
            .map(String.class::cast);
        Map<Domain, Boolean> capable = new HashMap<>();
        return mail.getRecipients().stream()
            .filter(recipient -> cameFrom.map(peer -> !peer.equalsIgnoreCase(recipient.getDomain().asString())).orElse(true))
            .filter(recipient -> capable.computeIfAbsent(recipient.getDomain(), this::goesOverXmpp))
            .collect(ImmutableList.toImmutableList());
    }

    private boolean goesOverXmpp(Domain domain) {
        return !getMailetContext().isLocalServer(domain)
            && condition.permits(domain)
            && xmppDomains.domainSpeaksXmpp(domain)
            && !(condition.preference() == Preference.SMTP && hasMailServer(domain));
    }

    private boolean hasMailServer(Domain domain) {
        try {
            return !dnsService.findMXRecords(domain.asString()).isEmpty();
        } catch (TemporaryResolutionException e) {
            LOGGER.info("Cannot tell whether {} has a mail server, sending over XMPP: {}", domain.asString(), LogSafe.of(e.getMessage()));
            return false;
        }
    }

    @Override
    public String getMatcherInfo() {
        return "RecipientIsXmppCapable Matcher";
    }
}
