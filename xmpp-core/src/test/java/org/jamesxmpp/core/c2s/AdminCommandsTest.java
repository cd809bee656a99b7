package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmlNode;
import org.jamesxmpp.core.s2s.codec.XmlText;
import org.junit.jupiter.api.Test;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

class AdminCommandsTest {
    private static XmlElement element(String namespace, String name, Map<String, String> attributes, XmlNode... nodes) {
        return new XmlElement(namespace, name, attributes, ImmutableList.copyOf(nodes));
    }

    private static XmlElement field(String var, String... values) {
        XmlNode[] nodes = new XmlNode[values.length];
        for (int i = 0; i < values.length; i++) {
            nodes[i] = element("jabber:x:data", "value", Map.of(), new XmlText(values[i]));
        }
        return element("jabber:x:data", "field", Map.of("var", var), nodes);
    }

    private static XmlElement command(String node, XmlElement... fields) {
        XmlElement form = element("jabber:x:data", "x", Map.of("type", "submit"), fields);
        return element(AdminCommands.COMMANDS_NAMESPACE, "command", ImmutableMap.of("node", node, "sessionid", "s1"),
            fields.length == 0 ? new XmlNode[0] : new XmlNode[] {form});
    }

    @Test
    void executeWithoutFormShouldAskForTheForm() {
        assertThat(AdminCommands.parse(command(AdminCommands.ADD_USER)))
            .isEqualTo(new AdminCommands.FormRequest(AdminCommands.ADD_USER));
    }

    @Test
    void submittedFormsShouldBeRead() {
        assertThat(AdminCommands.parse(command(AdminCommands.ADD_USER, field("FORM_TYPE", AdminCommands.ADMIN_FORM_TYPE),
            field("accountjid", "dave@james.test"), field("password", "pw"), field("password-verify", "pw2"))))
            .isEqualTo(new AdminCommands.AddUser("dave@james.test", "pw", "pw2"));
        assertThat(AdminCommands.parse(command(AdminCommands.DELETE_USER, field("accountjids", "a@james.test", "b@james.test"))))
            .isEqualTo(new AdminCommands.DeleteUsers(List.of("a@james.test", "b@james.test")));
    }

    @Test
    void missingFieldsOrOtherNodesShouldBeUnknown() {
        assertThat(AdminCommands.parse(command(AdminCommands.ADD_USER, field("accountjid", "dave@james.test"))))
            .isInstanceOf(AdminCommands.Unknown.class);
        assertThat(AdminCommands.parse(command("http://jabber.org/protocol/admin#shutdown")))
            .isInstanceOf(AdminCommands.Unknown.class);
    }

    @Test
    void formShouldNameItsFieldsAndEscapeTheSession() {
        assertThat(AdminCommands.form("i1", Optional.of("james.test"), AdminCommands.ADD_USER, "a'b"))
            .contains("from='james.test'")
            .contains("sessionid='a&apos;b' status='executing'")
            .contains("var='accountjid' type='jid-single'")
            .contains("var='password-verify' type='text-private'");
    }
}
