package org.jamesxmpp.core.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.core.s2s.codec.XmppStreamDecoder;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

class ArchiveQueryTest {
    private static XmlElement query(String inner) {
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder(64 * 1024));
        channel.writeInbound(Unpooled.copiedBuffer("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='james.test' version='1.0'><query xmlns='urn:xmpp:mam:2' queryid='q1'>" + inner + "</query>",
            StandardCharsets.UTF_8));
        channel.readInbound();
        return channel.readInbound();
    }

    private static String field(String name, String value) {
        return "<field var='" + name + "'><value>" + value + "</value></field>";
    }

    @Test
    void formAndPageShouldBeRead() {
        ArchiveQuery parsed = ArchiveQuery.parse(query("<x xmlns='jabber:x:data' type='submit'>"
            + field("FORM_TYPE", "urn:xmpp:mam:2") + field("with", "carol@james.test")
            + field("start", "2026-12-01T10:00:00Z") + field("end", "2026-12-02T10:00:00Z") + "</x>"
            + "<set xmlns='http://jabber.org/protocol/rsm'><max>500</max><after>12</after></set>")).orElseThrow();

        assertThat(parsed.queryId()).contains("q1");
        assertThat(parsed.with()).hasValueSatisfying(jid -> assertThat(jid.toString()).isEqualTo("carol@james.test"));
        assertThat(parsed.start()).contains(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(parsed.end()).contains(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(parsed.max()).isEqualTo(ArchiveQuery.MAX_PAGE);
        assertThat(parsed.after()).contains("12");
        assertThat(parsed.before()).isEmpty();
    }

    @Test
    void emptyQueryShouldAskForEverythingAndAnEmptyBeforeForTheLastPage() {
        ArchiveQuery parsed = ArchiveQuery.parse(query("<set xmlns='http://jabber.org/protocol/rsm'><max>2</max><before/></set>"))
            .orElseThrow();

        assertThat(parsed.with()).isEmpty();
        assertThat(parsed.max()).isEqualTo(2);
        assertThat(parsed.before()).contains("");
    }

    @Test
    void unreadableDateShouldBeRefused() {
        assertThat(ArchiveQuery.parse(query("<x xmlns='jabber:x:data' type='submit'>" + field("start", "yesterday") + "</x>")))
            .isEmpty();
    }

    @Test
    void fullJidInWithShouldNameItsBareJid() {
        ArchiveQuery parsed = ArchiveQuery.parse(query("<x xmlns='jabber:x:data' type='submit'>"
            + field("with", "carol@james.test/phone") + "</x>")).orElseThrow();

        assertThat(parsed.with()).hasValueSatisfying(jid -> assertThat(jid.toString()).isEqualTo("carol@james.test"));
    }
}
