package org.jamesxmpp.mailets.capability;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableSet;

/**
 * The condition of {@code RecipientIsXmppCapable}, parsed once: options separated by {@code ;}, e.g.
 * {@code prefer=smtp; allow=a.test,b.test; deny=spam.test}. All are optional.
 *
 * @param preference {@code prefer}: for a domain with both an MX and an XMPP server (default xmpp)
 * @param allowed {@code allow}: when present, only these domains go over XMPP
 * @param denied {@code deny}: these domains never go over XMPP
 */
public record XmppCapabilityCondition(Preference preference, Optional<Set<Domain>> allowed, Set<Domain> denied) {
    public static final String PREFER = "prefer";
    public static final String ALLOW = "allow";
    public static final String DENY = "deny";

    public XmppCapabilityCondition {
        allowed = allowed.map(ImmutableSet::copyOf);
        denied = ImmutableSet.copyOf(denied);
    }

    public static XmppCapabilityCondition defaults() {
        return new XmppCapabilityCondition(Preference.XMPP, Optional.empty(), ImmutableSet.of());
    }

    /**
     * @throws MessagingException naming the option and value that are wrong
     */
    public static XmppCapabilityCondition parse(Optional<String> condition) throws MessagingException {
        Preference preference = Preference.XMPP;
        Optional<Set<Domain>> allowed = Optional.empty();
        Set<Domain> denied = ImmutableSet.of();
        for (String option : Splitter.on(';').trimResults().omitEmptyStrings().split(condition.orElse(""))) {
            List<String> keyValue = Splitter.on('=').limit(2).trimResults().splitToList(option);
            if (keyValue.size() != 2) {
                throw new MessagingException("Invalid condition option '" + option + "': expected name=value");
            }
            String value = keyValue.get(1);
            switch (keyValue.get(0).toLowerCase(Locale.ROOT)) {
                case PREFER:
                    preference = preference(value);
                    break;
                case ALLOW:
                    allowed = Optional.of(domains(ALLOW, value));
                    break;
                case DENY:
                    denied = domains(DENY, value);
                    break;
                default:
                    throw new MessagingException("Invalid condition option '" + keyValue.get(0)
                        + "': expected prefer, allow or deny");
            }
        }
        return new XmppCapabilityCondition(preference, allowed, denied);
    }

    public boolean permits(Domain domain) {
        return !denied.contains(domain) && allowed.map(domains -> domains.contains(domain)).orElse(true);
    }

    private static Preference preference(String value) throws MessagingException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "xmpp":
                return Preference.XMPP;
            case "smtp":
                return Preference.SMTP;
            default:
                throw new MessagingException("Invalid value '" + value + "' for condition option 'prefer': expected xmpp or smtp");
        }
    }

    private static Set<Domain> domains(String option, String value) throws MessagingException {
        ImmutableSet.Builder<Domain> domains = ImmutableSet.builder();
        for (String domain : Splitter.on(',').trimResults().omitEmptyStrings().split(value)) {
            try {
                domains.add(Domain.of(domain));
            } catch (IllegalArgumentException e) {
                throw new MessagingException("Invalid value '" + value + "' for condition option '" + option + "': "
                    + e.getMessage());
            }
        }
        return domains.build();
    }
}
