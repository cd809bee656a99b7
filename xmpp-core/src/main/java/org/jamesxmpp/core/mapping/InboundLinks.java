package org.jamesxmpp.core.mapping;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jamesxmpp.core.xep.oob.OutOfBandDataElement;
import org.jamesxmpp.core.xep.sfs.FileSharingElement;
import org.jamesxmpp.core.xep.sims.MediaSharingElement;
import org.jivesoftware.smack.packet.Message;

import com.google.common.collect.ImmutableList;

/**
 * The file links an inbound stanza carries, each once, in stanza order: XEP-0066 URLs, XEP-0447 URL sources, then the
 * first http(s) source of each XEP-0385 (SIMS) file.
 */
public final class InboundLinks {
    private InboundLinks() {
    }

    public static List<String> of(Message stanza) {
        Set<String> urls = new LinkedHashSet<>();
        OutOfBandDataElement.from(stanza).forEach(oob -> urls.add(oob.getUrl()));
        FileSharingElement.from(stanza).forEach(file -> urls.add(file.url()));
        MediaSharingElement.from(stanza).forEach(file -> file.webSource().ifPresent(urls::add));
        return ImmutableList.copyOf(urls);
    }
}
