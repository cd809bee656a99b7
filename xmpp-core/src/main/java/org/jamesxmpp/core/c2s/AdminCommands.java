package org.jamesxmpp.core.c2s;

import java.util.List;
import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.Xml;
import org.jamesxmpp.core.s2s.codec.XmlElement;

import com.google.common.collect.ImmutableList;

/**
 * XEP-0133 service administration, the two commands an administrator needs to manage accounts from an XMPP client:
 * add-user and delete-user (XEP-0050 commands addressed to the server, XEP-0004 forms). Pure: reads the client's
 * {@code <command/>}, writes our answers; {@link ClientStanzaRouter#command} does the work.
 */
public final class AdminCommands {
    public static final String COMMANDS_NAMESPACE = "http://jabber.org/protocol/commands";
    public static final String ADMIN_FORM_TYPE = "http://jabber.org/protocol/admin";
    public static final String ADD_USER = ADMIN_FORM_TYPE + "#add-user";
    public static final String DELETE_USER = ADMIN_FORM_TYPE + "#delete-user";
    private static final String DATA_NAMESPACE = "jabber:x:data";

    /** What the client asked. */
    public sealed interface Request permits FormRequest, AddUser, DeleteUsers, Canceled, Unknown {
    }

    /** The command started: the client gets its form. */
    public record FormRequest(String node) implements Request {
    }

    /** add-user's form submitted; the passwords may differ (the command then fails). */
    public record AddUser(String accountJid, String password, String passwordVerify) implements Request {
    }

    /** delete-user's form submitted. */
    public record DeleteUsers(List<String> accountJids) implements Request {
    }

    public record Canceled(String node) implements Request {
    }

    /** A node we do not serve, or a submitted form without the fields its command needs. */
    public record Unknown(String node) implements Request {
    }

    private AdminCommands() {
    }

    public static Request parse(XmlElement command) {
        String node = command.attribute("node").orElse("");
        if ("cancel".equals(command.attribute("action").orElse(""))) {
            return new Canceled(node);
        }
        Optional<XmlElement> form = command.child(DATA_NAMESPACE, "x")
            .filter(x -> "submit".equals(x.attribute("type").orElse("")));
        if (!ADD_USER.equals(node) && !DELETE_USER.equals(node)) {
            return new Unknown(node);
        }
        if (form.isEmpty()) {
            return new FormRequest(node);
        }
        if (ADD_USER.equals(node)) {
            Optional<String> account = value(form.get(), "accountjid");
            Optional<String> password = value(form.get(), "password");
            if (account.isEmpty() || password.isEmpty()) {
                return new Unknown(node);
            }
            return new AddUser(account.get(), password.get(), value(form.get(), "password-verify").orElse(password.get()));
        }
        List<String> accounts = values(form.get(), "accountjids");
        return accounts.isEmpty() ? new Unknown(node) : new DeleteUsers(accounts);
    }

    private static Optional<String> value(XmlElement form, String var) {
        return values(form, var).stream().findFirst();
    }

    private static List<String> values(XmlElement form, String var) {
        return form.children().stream()
            .filter(field -> "field".equals(field.name()) && var.equals(field.attribute("var").orElse("")))
            .flatMap(field -> field.children().stream().filter(value -> "value".equals(value.name())))
            .map(value -> value.text().trim())
            .filter(value -> !value.isEmpty())
            .collect(ImmutableList.toImmutableList());
    }

    /** The form of {@code node}, in a command {@code sessionId} that is executing; {@code from}: the server's domain. */
    public static String form(String id, Optional<String> from, String node, String sessionId) {
        String fields = ADD_USER.equals(node)
            ? field("accountjid", "jid-single", "The Jabber ID for the account to be added")
                + field("password", "text-private", "The password for this account")
                + field("password-verify", "text-private", "Retype password")
            : field("accountjids", "jid-multi", "The Jabber ID(s) to delete");
        return result(id, from, node, sessionId, "executing", "<actions execute='complete'><complete/></actions>"
            + "<x xmlns='" + DATA_NAMESPACE + "' type='form'><field var='FORM_TYPE' type='hidden'><value>" + ADMIN_FORM_TYPE
            + "</value></field>" + fields + "</x>");
    }

    public static String completed(String id, Optional<String> from, String node, String sessionId) {
        return result(id, from, node, sessionId, "completed", "");
    }

    public static String canceled(String id, Optional<String> from, String node, String sessionId) {
        return result(id, from, node, sessionId, "canceled", "");
    }

    private static String field(String var, String type, String label) {
        return "<field var='" + var + "' type='" + type + "' label='" + label + "'><required/></field>";
    }

    private static String result(String id, Optional<String> from, String node, String sessionId, String status,
                                 String payload) {
        return ClientStreamXml.iqResult(id, from, "<command xmlns='" + COMMANDS_NAMESPACE + "' node='"
            + Xml.escapeAttribute(node) + "' sessionid='" + Xml.escapeAttribute(sessionId) + "' status='" + status + "'"
            + (payload.isEmpty() ? "/>" : ">" + payload + "</command>"));
    }
}
