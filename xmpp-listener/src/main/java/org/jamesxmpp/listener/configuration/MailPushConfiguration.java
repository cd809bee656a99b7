package org.jamesxmpp.listener.configuration;

import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.jamesxmpp.core.c2s.MailPush;

/** {@code c2s/mailToClient} of {@code xmpp.xml}: {@code off}, {@code notice} (the default) or {@code full}. */
public final class MailPushConfiguration {
    static final String KEY = "c2s.mailToClient";
    public static final MailPush DEFAULT = MailPush.NOTICE;

    private MailPushConfiguration() {
    }

    public static MailPush from(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        Optional<String> value = Optional.ofNullable(config.getString(KEY, null)).map(String::trim).filter(text -> !text.isEmpty());
        if (value.isEmpty()) {
            return DEFAULT;
        }
        return MailPush.parse(value.get()).orElseThrow(() -> new ConfigurationException(
            "xmpp.xml: c2s/mailToClient must be off, notice or full, not '" + value.get() + "'"));
    }
}
