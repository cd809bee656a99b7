package org.jamesxmpp.listener.configuration;

import java.util.Set;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import com.google.common.collect.ImmutableSet;

/**
 * {@code c2s/admins} of {@code xmpp.xml}: the users who may add and delete accounts from an XMPP client (XEP-0133);
 * none by default.
 *
 * @param admins {@code c2s/admins/admin}, repeatable: bare JIDs of James users
 */
public record AdminConfiguration(Set<EntityBareJid> admins) {
    static final String ADMINS = "c2s.admins";
    static final String ADMIN = "c2s.admins.admin";
    public static final AdminConfiguration NONE = new AdminConfiguration(ImmutableSet.of());

    public AdminConfiguration {
        admins = ImmutableSet.copyOf(admins);
    }

    public static AdminConfiguration from(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        ImmutableSet.Builder<EntityBareJid> admins = ImmutableSet.builder();
        for (String value : new ConfigurationValues(config).list(ADMIN)) {
            try {
                admins.add(JidCreate.entityBareFrom(value.trim()));
            } catch (XmppStringprepException | IllegalArgumentException e) {
                throw new ConfigurationException(String.format("xmpp.xml: c2s/admins/admin '%s' is not a user's JID "
                    + "(user@domain)", value));
            }
        }
        return new AdminConfiguration(admins.build());
    }

    public boolean isAdmin(EntityBareJid user) {
        return admins.contains(user);
    }
}
