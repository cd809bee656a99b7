package org.jamesxmpp.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesxmpp.it.hostile.CaseRun.assertStreamError;

import java.util.List;

import org.jamesxmpp.core.s2s.dialback.DialbackKeys;
import org.jamesxmpp.testing.RawS2sStream;

/** Hostile streams and authentication, and relaying through us. */
final class StreamCases {
    private static final String STANZA = "<message from='carol@hostile.test' to='watcher@james.test' id='s'><body>b</body></message>";
    private static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private StreamCases() {
    }

    private static HostileCase stream(String name, String input, String expected, HostileCase.Check check) {
        return new HostileCase("stream and auth", name, input, expected, check);
    }

    private static HostileCase relay(String name, String input, String expected, HostileCase.Check check) {
        return new HostileCase("relay", name, input, expected, check);
    }

    private static String header(String attributes) {
        return "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' " + attributes + ">";
    }

    private static String dialback(String from, String to, String key) {
        return "<db:result from='" + from + "' to='" + to + "'>" + key + "</db:result>";
    }

    /** A {@code db:result} claiming {@code from} on a stream that authenticated nothing: the stream error expected. */
    private static HostileCase badClaim(String name, String from, String condition) {
        return stream(name, "`db:result from='" + from + "'`", "`" + condition + "`, no connection attempted",
            run -> assertStreamError(run.open().send(dialback(from, "james.test", "k")), condition));
    }

    static List<HostileCase> all() {
        return List.of(
            stream("headerToADomainNotServed", "stream header `to='elsewhere.test'`", "`host-unknown`",
                run -> assertStreamError(run.connect().send(RawS2sStream.streamHeader("hostile.test", "elsewhere.test")),
                    "host-unknown")),
            stream("headerWithoutTo", "stream header without `to`", "`host-unknown`", run ->
                assertStreamError(run.connect().send(header("xmlns='jabber:server' from='hostile.test' version='1.0'")),
                    "host-unknown")),
            stream("headerOfAClientStream", "stream header with `xmlns='jabber:client'`", "`invalid-namespace`", run ->
                assertStreamError(run.connect().send(header("xmlns='jabber:client' to='james.test' version='1.0'")),
                    "invalid-namespace")),
            stream("headerOfAnotherElement", "`<html>` instead of a stream header", "`invalid-namespace`",
                run -> assertStreamError(run.connect().send("<html><body>"), "invalid-namespace")),
            stream("headerOfVersion2", "stream header `version='2.0'`", "`unsupported-version`", run ->
                assertStreamError(run.connect().send(header("xmlns='jabber:server' to='james.test' version='2.0'")),
                    "unsupported-version")),
            stream("stanzaBeforeAuthentication", "a message right after the header, no dialback", "`not-authorized`",
                run -> assertStreamError(run.open().send(STANZA), "not-authorized")),
            stream("saslExternalWithoutTls", "`<auth mechanism='EXTERNAL'>` on a stream without TLS, then a message",
                "SASL `<failure><not-authorized/>`, nothing authenticated: the message gets `not-authorized`", run -> {
                    RawS2sStream stream = run.open()
                        .send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
                    assertThat(stream.await("</failure>")).contains("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized");
                    assertStreamError(stream.send(STANZA), "not-authorized");
                }),
            stream("startTlsNotOffered", "`<starttls/>` where the listener offers none (TLS downgrade: nothing is"
                    + " pretended)", "TLS `<failure/>`, stream closed", run -> {
                    RawS2sStream stream = run.open().send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
                    assertThat(stream.await("</stream:stream>"))
                        .contains("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>");
                    assertThat(stream.awaitClosedByPeer()).isTrue();
                }),
            stream("forgedDialbackKey", "`db:result` with a key made with another secret", "`type='invalid'`, `not-authorized`",
                run -> {
                    RawS2sStream stream = run.connect().send(CaseRun.header());
                    String forged = new DialbackKeys("not the secret").key("james.test", "hostile.test", stream.streamId());
                    stream.send(dialback("hostile.test", "james.test", forged));
                    assertThat(stream.await("</stream:stream>")).contains("<db:result from='james.test' to='hostile.test' type='invalid'/>");
                    assertStreamError(stream, "not-authorized");
                }),
            stream("replayedDialbackKey", "the valid key of an earlier stream replayed on a new one", "`type='invalid'`,"
                + " `not-authorized`", run -> {
                    RawS2sStream first = run.connect().send(CaseRun.header());
                    String key = run.peer().key(first.streamId());
                    first.send(dialback("hostile.test", "james.test", key)).await("type='valid'");
                    RawS2sStream replay = run.open().send(dialback("hostile.test", "james.test", key));
                    assertThat(replay.await("</stream:stream>")).contains("type='invalid'");
                    assertStreamError(replay, "not-authorized");
                }),
            badClaim("dialbackFromAnIpLiteral", "127.0.0.1", "invalid-from"),
            badClaim("dialbackFromAPrivateAddress", "10.0.0.5", "invalid-from"),
            badClaim("dialbackFromLocalhost", "localhost", "invalid-from"),
            badClaim("dialbackFromAnIntranetName", "intranet", "invalid-from"),
            stream("dialbackToADomainNotServed", "`db:result to='elsewhere.test'` on a fresh stream", "`host-unknown`",
                run -> assertStreamError(run.open().send(dialback("hostile.test", "elsewhere.test", "k")), "host-unknown")),
            stream("dialbackWithoutFrom", "`db:result` without `from`", "`improper-addressing`",
                run -> assertStreamError(run.open().send("<db:result to='james.test'>k</db:result>"), "improper-addressing")),
            stream("dialbackClaimThatCannotBeVerified", "`db:result from='refused.test'` (its server refuses connections)",
                "`db:result type='error'` (`remote-server-not-found`), `remote-connection-failed`", run -> {
                    RawS2sStream stream = run.open().send(dialback("refused.test", "james.test", "k"));
                    assertThat(stream.await("</stream:stream>")).contains("<remote-server-not-found xmlns='" + STANZA_ERRORS + "'/>");
                    assertStreamError(stream, "remote-connection-failed");
                }),
            stream("dialbackVerifyWithABadKey", "`db:verify` of a key James never gave", "`db:verify type='invalid'`, the"
                + " stream goes on", run -> {
                    RawS2sStream stream = run.open()
                        .send("<db:verify from='hostile.test' to='james.test' id='no-such-stream'>bad</db:verify>");
                    stream.await("<db:verify from='james.test' to='hostile.test' id='no-such-stream' type='invalid'/>");
                    assertThat(stream.poll()).doesNotContain("</stream:stream>");
                }),
            stream("foreignFromAfterAuthentication", "authenticated as hostile.test, a message `from='eve@evil.test'`",
                "`invalid-from`", run -> assertStreamError(run.authenticated()
                    .send("<message from='eve@evil.test' to='watcher@james.test'><body>spoof</body></message>"), "invalid-from")),
            stream("stanzaWithoutFrom", "a message without `from` after authentication", "`improper-addressing`",
                run -> assertStreamError(run.authenticated().send("<message to='watcher@james.test'/>"), "improper-addressing")),
            stream("unknownTopLevelElement", "`<foo xmlns='urn:x'/>` after authentication", "`unsupported-stanza-type`",
                run -> assertStreamError(run.authenticated().send("<foo xmlns='urn:x'/>"), "unsupported-stanza-type")),
            relay("stanzaToARemoteDomain", "authenticated as hostile.test, a message to `x@a.test`", "`host-unknown`: never"
                + " relayed", run -> assertStreamError(run.authenticated()
                    .send("<message from='carol@hostile.test' to='x@a.test'><body>relay</body></message>"), "host-unknown")),
            relay("stanzaBackToTheSendersDomain", "a message to `dave@hostile.test`", "`host-unknown`",
                run -> assertStreamError(run.authenticated()
                    .send("<message from='carol@hostile.test' to='dave@hostile.test'/>"), "host-unknown")));
    }
}
