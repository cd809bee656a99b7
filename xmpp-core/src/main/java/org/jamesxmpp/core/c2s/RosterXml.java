package org.jamesxmpp.core.c2s;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.Xml;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.store.RosterItem;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;

/** The roster's XML (RFC 6121 2): a roster set parsed and checked, items, results and pushes written. Pure. */
public final class RosterXml {
    public static final String NAMESPACE = "jabber:iq:roster";
    /** The stream feature of roster versioning (RFC 6121 2.6.1). */
    public static final String VERSIONING_FEATURE = "<ver xmlns='urn:xmpp:features:rosterver'/>";
    private static final int VERSION_LENGTH = 32;

    private RosterXml() {
    }

    /** What a client's roster set asks. */
    public sealed interface SetRequest permits Update, Remove, Refused {
    }

    /** Add or change the contact's name and groups (the subscription is the server's business). */
    public record Update(BareJid jid, Optional<String> name, List<String> groups) implements SetRequest {
    }

    public record Remove(BareJid jid) implements SetRequest {
    }

    /** RFC 6121 2.3.3: answered with this error condition. */
    public record Refused(String errorType, String condition) implements SetRequest {
    }

    public static SetRequest parseSet(XmlElement query) {
        List<XmlElement> items = query.children().stream().filter(child -> child.is(NAMESPACE, "item")).toList();
        if (items.size() != 1) {
            return new Refused("modify", "bad-request");
        }
        XmlElement item = items.get(0);
        Optional<BareJid> jid = item.attribute("jid").flatMap(RosterXml::bareJid);
        if (jid.isEmpty()) {
            return new Refused("modify", "bad-request");
        }
        Optional<String> subscription = item.attribute("subscription");
        if (subscription.filter("remove"::equals).isPresent()) {
            return new Remove(jid.get());
        }
        if (subscription.filter(value -> !"none".equals(value)).isPresent()) {
            return new Refused("modify", "bad-request");
        }
        Optional<String> name = item.attribute("name").filter(value -> !value.isEmpty());
        List<String> groups = item.children().stream().filter(child -> child.is(NAMESPACE, "group"))
            .map(XmlElement::text).toList();
        if (name.filter(value -> value.length() > RosterItem.MAX_NAME_LENGTH).isPresent()
            || groups.size() > RosterItem.MAX_GROUPS
            || groups.stream().anyMatch(group -> group.isEmpty() || group.length() > RosterItem.MAX_GROUP_LENGTH
                || group.indexOf('\n') >= 0)
            || groups.stream().distinct().count() != groups.size()) {
            return new Refused("modify", "not-acceptable");
        }
        return new Update(jid.get(), name, ImmutableList.copyOf(groups));
    }

    private static Optional<BareJid> bareJid(String value) {
        try {
            Jid jid = JidCreate.from(value);
            return jid.hasResource() ? Optional.empty() : Optional.of(jid.asBareJid());
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The items a client sees: listed ones only (RFC 6121 3.1.3: a request alone adds nobody). */
    public static String query(List<RosterItem> items) {
        return query(items, Optional.empty());
    }

    /** The items a client sees, with the roster's version for a client that caches it (RFC 6121 2.6.3). */
    public static String query(List<RosterItem> items, Optional<String> version) {
        StringBuilder out = new StringBuilder("<query xmlns='" + NAMESPACE + "'");
        version.ifPresent(ver -> out.append(" ver='").append(Xml.escapeAttribute(ver)).append('\''));
        out.append('>');
        items.stream().filter(RosterItem::listed).forEach(item -> out.append(item(item)));
        return out.append("</query>").toString();
    }

    public static String item(RosterItem item) {
        StringBuilder out = new StringBuilder("<item jid='").append(Xml.escapeAttribute(item.jid().toString())).append('\'');
        item.name().ifPresent(name -> out.append(" name='").append(Xml.escapeAttribute(name)).append('\''));
        out.append(" subscription='").append(item.subscription().name().toLowerCase(Locale.ROOT)).append('\'');
        if (item.askOut()) {
            out.append(" ask='subscribe'");
        }
        if (item.groups().isEmpty()) {
            return out.append("/>").toString();
        }
        out.append('>');
        item.groups().forEach(group -> out.append("<group>").append(Xml.escapeText(group)).append("</group>"));
        return out.append("</item>").toString();
    }

    /**
     * RFC 6121 2.6: the version of what a client sees of the roster, a digest of its listed items, so the same roster
     * has the same version on every node and after a restart, whatever the store, and any change a client would see
     * changes it.
     */
    public static String version(List<RosterItem> items) {
        Hasher digest = Hashing.sha256().newHasher();
        items.stream().filter(RosterItem::listed).map(RosterXml::item).sorted()
            .forEach(item -> digest.putString(item, StandardCharsets.UTF_8).putByte((byte) 0));
        return digest.hash().toString().substring(0, VERSION_LENGTH);
    }

    /** RFC 6121 2.1.6: a roster push of an item, or of its removal when {@code item} is empty. */
    public static String push(String id, String to, BareJid jid, Optional<RosterItem> item) {
        return push(id, to, jid, item, Optional.empty());
    }

    /** A roster push carrying the version of the roster after it (RFC 6121 2.6.4). */
    public static String push(String id, String to, BareJid jid, Optional<RosterItem> item, Optional<String> version) {
        String payload = item.filter(RosterItem::listed).map(RosterXml::item)
            .orElse("<item jid='" + Xml.escapeAttribute(jid.toString()) + "' subscription='remove'/>");
        String ver = version.map(value -> " ver='" + Xml.escapeAttribute(value) + "'").orElse("");
        return "<iq type='set' id='" + Xml.escapeAttribute(id) + "' to='" + Xml.escapeAttribute(to) + "'><query xmlns='"
            + NAMESPACE + "'" + ver + ">" + payload + "</query></iq>";
    }
}
