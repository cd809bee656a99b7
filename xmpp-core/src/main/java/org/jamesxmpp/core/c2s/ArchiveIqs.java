package org.jamesxmpp.core.c2s;

import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.XmlElement;

/**
 * The XEP-0313 iqs other than a query, pure: the query form ({@code get} of {@code <query/>}: the standard fields
 * {@code with}, {@code start}, {@code end}) and the preferences. The archive is the mailbox's {@code Chats}, which
 * keeps every chat: the preferences are {@code always} and cannot be changed to anything else.
 */
final class ArchiveIqs {
    private static final String PREFS = "<prefs xmlns='" + ArchiveQuery.NAMESPACE + "' default='always'><always/><never/></prefs>";

    private ArchiveIqs() {
    }

    /** Empty when {@code payload} is none of these. */
    static Optional<String> answer(String type, String id, Optional<String> from, XmlElement payload) {
        if (!ArchiveQuery.NAMESPACE.equals(payload.namespace())) {
            return Optional.empty();
        }
        if ("get".equals(type) && "query".equals(payload.name())) {
            return Optional.of(ClientStreamXml.iqResult(id, from, form()));
        }
        if ("get".equals(type) && "prefs".equals(payload.name())) {
            return Optional.of(ClientStreamXml.iqResult(id, from, PREFS));
        }
        if ("set".equals(type) && "prefs".equals(payload.name())) {
            if ("always".equals(payload.attribute("default").orElse("")) && payload.children().stream()
                .allMatch(list -> list.children().isEmpty())) {
                return Optional.of(ClientStreamXml.iqResult(id, from, PREFS));
            }
            return Optional.of(ClientStreamXml.stanzaError("iq", id, from, "cancel", "feature-not-implemented"));
        }
        return Optional.empty();
    }

    private static String form() {
        return "<query xmlns='" + ArchiveQuery.NAMESPACE + "'><x xmlns='" + ArchiveQuery.DATA_FORM_NAMESPACE + "' type='form'>"
            + "<field type='hidden' var='FORM_TYPE'><value>" + ArchiveQuery.NAMESPACE + "</value></field>"
            + "<field type='jid-single' var='with'/><field type='text-single' var='start'/>"
            + "<field type='text-single' var='end'/></x></query>";
    }
}
