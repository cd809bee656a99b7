package org.jamesxmpp.listener.configuration;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.net.InetAddresses;

/**
 * {@code linkFetch} of {@code xmpp.xml}: how file links of inbound stanzas (XEP-0066, XEP-0447) are downloaded and
 * attached to the mail.
 *
 * @param enabled off: links stay in the body
 * @param maxFileSize a larger file is not attached (a note says so)
 * @param maxLinks links of one stanza fetched at most; the others get a note
 * @param timeout for each download, from connecting to the last byte
 * @param allowHttp whether {@code http://} links are fetched (only {@code https://} by default)
 * @param allowedAddresses addresses (IPs or CIDR ranges) fetched from although they are private, loopback or
 *     link-local; none by default
 */
public record LinkFetchConfiguration(boolean enabled, int maxFileSize, int maxLinks, Duration timeout, boolean allowHttp,
                                     List<String> allowedAddresses) {
    public static final int DEFAULT_MAX_FILE_SIZE = 25 * 1024 * 1024;
    public static final int DEFAULT_MAX_LINKS = 4;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Set<String> KEYS = ImmutableSet.of("linkFetch", "linkFetch.enabled", "linkFetch.maxFileSize",
        "linkFetch.maxLinks", "linkFetch.timeout", "linkFetch.allowHttp", "linkFetch.allowedAddresses");

    public LinkFetchConfiguration {
        allowedAddresses = ImmutableList.copyOf(allowedAddresses);
    }

    public static LinkFetchConfiguration defaults() {
        return new LinkFetchConfiguration(true, DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_LINKS, DEFAULT_TIMEOUT, false, List.of());
    }

    public static LinkFetchConfiguration from(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        ConfigurationValues values = new ConfigurationValues(config);
        List<String> allowed = values.string("linkFetch.allowedAddresses")
            .map(value -> List.of(value.split("[,\\s]+")))
            .orElse(List.of());
        for (String range : allowed) {
            String address = range.contains("/") ? range.substring(0, range.indexOf('/')) : range;
            if (!InetAddresses.isInetAddress(address)) {
                throw new ConfigurationException(String.format(
                    "xmpp.xml: linkFetch/allowedAddresses '%s' is not an IP address or CIDR range", range));
            }
        }
        return new LinkFetchConfiguration(values.bool("linkFetch.enabled", true),
            values.size("linkFetch.maxFileSize", DEFAULT_MAX_FILE_SIZE),
            values.positiveInt("linkFetch.maxLinks", DEFAULT_MAX_LINKS),
            values.duration("linkFetch.timeout", DEFAULT_TIMEOUT),
            values.bool("linkFetch.allowHttp", false),
            allowed);
    }
}
