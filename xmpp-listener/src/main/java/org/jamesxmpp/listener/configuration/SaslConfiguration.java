package org.jamesxmpp.listener.configuration;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * {@code c2s/sasl} of {@code xmpp.xml}: the SASL mechanisms offered besides PLAIN.
 *
 * @param scramSha512 {@code c2s/sasl/scramSha512}: offer SCRAM-SHA-512 (default false), made from the hashes of
 *     James's {@code PBKDF2-SHA512} algorithm; a user hashed otherwise can only use PLAIN
 */
public record SaslConfiguration(boolean scramSha512) {
    static final String SASL = "c2s.sasl";
    static final String SCRAM_SHA_512 = "c2s.sasl.scramSha512";
    public static final SaslConfiguration DEFAULT = new SaslConfiguration(false);

    public static SaslConfiguration from(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        return new SaslConfiguration(new ConfigurationValues(config).bool(SCRAM_SHA_512, DEFAULT.scramSha512()));
    }
}
