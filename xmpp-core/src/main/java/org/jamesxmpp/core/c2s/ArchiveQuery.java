package org.jamesxmpp.core.c2s;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * An XEP-0313 (urn:xmpp:mam:2) query of the user's own archive, read from its {@code <query/>} element, pure: the
 * form's {@code with}, {@code start}, {@code end} and the XEP-0059 page ({@code max} capped at {@value #MAX_PAGE},
 * {@code after}, {@code before}; an empty {@code before} asks for the last page).
 */
public record ArchiveQuery(Optional<String> queryId, Optional<EntityBareJid> with, Optional<Instant> start,
                           Optional<Instant> end, int max, Optional<String> after, Optional<String> before) {
    public static final String NAMESPACE = "urn:xmpp:mam:2";
    public static final int MAX_PAGE = 100;
    static final String DATA_FORM_NAMESPACE = "jabber:x:data";
    static final String RSM_NAMESPACE = "http://jabber.org/protocol/rsm";

    /** Empty when the form names a field value that cannot be read (a bad JID or date). */
    public static Optional<ArchiveQuery> parse(XmlElement query) {
        Optional<XmlElement> form = query.child(DATA_FORM_NAMESPACE, "x");
        Optional<XmlElement> set = query.child(RSM_NAMESPACE, "set");
        try {
            Optional<EntityBareJid> with = field(form, "with").map(ArchiveQuery::bareJid);
            Optional<Instant> start = field(form, "start").map(Instant::parse);
            Optional<Instant> end = field(form, "end").map(Instant::parse);
            int max = set.flatMap(rsm -> rsm.child(RSM_NAMESPACE, "max")).map(XmlElement::text).map(String::trim)
                .map(Integer::parseInt).map(value -> Math.max(0, Math.min(value, MAX_PAGE))).orElse(MAX_PAGE);
            Optional<String> after = set.flatMap(rsm -> rsm.child(RSM_NAMESPACE, "after")).map(XmlElement::text).map(String::trim);
            Optional<String> before = set.flatMap(rsm -> rsm.child(RSM_NAMESPACE, "before")).map(XmlElement::text).map(String::trim);
            return Optional.of(new ArchiveQuery(query.attribute("queryid"), with, start, end, max, after, before));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A full JID names its bare JID: the mailbox keeps no resource, so {@code with} cannot tell resources apart. */
    private static EntityBareJid bareJid(String value) {
        EntityBareJid jid = JidCreate.fromOrThrowUnchecked(value).asEntityBareJidIfPossible();
        if (jid == null) {
            throw new IllegalArgumentException("not a user's JID: " + value);
        }
        return jid;
    }

    private static Optional<String> field(Optional<XmlElement> form, String name) {
        return form.stream()
            .flatMap(x -> x.children().stream())
            .filter(field -> field.is(DATA_FORM_NAMESPACE, "field") && name.equals(field.attribute("var").orElse("")))
            .findFirst()
            .flatMap(field -> field.child(DATA_FORM_NAMESPACE, "value"))
            .map(XmlElement::text)
            .map(String::trim)
            .filter(value -> !value.isEmpty());
    }
}
